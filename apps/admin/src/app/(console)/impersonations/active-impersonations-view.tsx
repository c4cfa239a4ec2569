'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EyeOff, Radio } from 'lucide-react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import { PageBody, PageHeader } from '@/components/shell/page-header';
import { viewModeColumn, viewReasonColumn } from '@/components/impersonation-columns';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { columnHelper, DataTable } from '@/components/ui/data-table';
import { ConfirmDialog } from '@/components/ui/dialog';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import {
  formatCountdown,
  formatRelative,
  formatTime,
  modeName,
  pluralize,
  roleName,
} from '@/lib/format';
import { impersonationStatus } from '@/lib/impersonation';
import { useOperator } from '@/lib/operator-context';
import { type ImpersonationView, useTRPC } from '@/lib/trpc';
import { useNow } from '@/lib/use-now';

const pollMs = 5000;
const helper = columnHelper<ImpersonationView>();

function columnsFor({
  now,
  showLocation,
  onRevoke,
}: {
  now: number;
  showLocation: boolean;
  onRevoke: (row: ImpersonationView) => void;
}) {
  return helper.columns([
    helper.display({
      id: 'target',
      header: 'Customer',
      cell: ({ row }) => (
        <div className="whitespace-nowrap">
          <Link
            href={`/customers/${row.original.target.id}`}
            className="font-medium text-slate-900 hover:text-teal-700 hover:underline"
          >
            {row.original.target.fullName}
          </Link>
          {row.original.target.email ? (
            <p className="text-xs text-slate-500">{row.original.target.email}</p>
          ) : null}
        </div>
      ),
    }),
    helper.display({
      id: 'actor',
      header: 'Viewed by',
      cell: ({ row }) => (
        <div className="whitespace-nowrap">
          <p className="font-medium text-slate-900">{row.original.actor.fullName}</p>
          <p className="text-xs text-slate-500">{roleName(row.original.actor.role)}</p>
        </div>
      ),
    }),
    ...(showLocation
      ? [
          helper.accessor((row) => row.location.name, {
            id: 'location',
            header: 'Location',
            meta: { className: 'whitespace-nowrap text-slate-700' },
          }),
        ]
      : []),
    viewModeColumn,
    helper.display({
      id: 'started',
      header: 'Started',
      meta: { className: 'whitespace-nowrap' },
      cell: ({ row }) => {
        const started = row.original.startedAt ?? row.original.issuedAt;
        const status = impersonationStatus(row.original, now);
        return (
          <div>
            <time dateTime={started.toISOString()} className="text-slate-900">
              {formatTime(started)}
            </time>
            <p className="mt-0.5 flex items-center gap-1.5 text-xs text-slate-500">
              <Badge tone={status.tone}>{status.label}</Badge>
              {row.original.startedAt ? formatRelative(started, now) : null}
            </p>
          </div>
        );
      },
    }),
    helper.display({
      id: 'left',
      header: 'Time left',
      meta: { className: 'whitespace-nowrap' },
      cell: ({ row }) => {
        const left = row.original.expiresAt.getTime() - now;
        return (
          <div>
            <span
              data-testid="time-left"
              className={
                left < 60_000
                  ? 'font-mono font-medium text-red-700 tabular-nums'
                  : left < 5 * 60_000
                    ? 'font-mono font-medium text-amber-700 tabular-nums'
                    : 'font-mono text-slate-900 tabular-nums'
              }
            >
              {left > 0 ? formatCountdown(left) : 'Ending…'}
            </span>
            <p className="text-xs text-slate-500">
              {row.original.status === 'pending'
                ? 'to open the link'
                : `until ${formatTime(row.original.expiresAt)}`}
            </p>
          </div>
        );
      },
    }),
    viewReasonColumn('max-w-64'),
    helper.display({
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <div className="flex items-center justify-end gap-2">
          <Button asChild size="sm" variant="secondary">
            <Link
              href={`/impersonations/${row.original.id}`}
              aria-label={`Timeline of the view by ${row.original.actor.fullName}, started ${formatTime(row.original.startedAt ?? row.original.issuedAt)}`}
            >
              Timeline
            </Link>
          </Button>
          {row.original.canRevoke ? (
            <Button size="sm" variant="dangerOutline" onClick={() => onRevoke(row.original)}>
              Revoke
            </Button>
          ) : (
            <span className="text-xs text-slate-500">Your role cannot revoke it</span>
          )}
        </div>
      ),
    }),
  ]);
}

export function ActiveImpersonationsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { operator, workingLocationId } = useOperator();
  const now = useNow(1000);
  const [pending, setPending] = useState<ImpersonationView | null>(null);

  const active = useQuery({
    ...trpc.impersonation.active.queryOptions({ locationId: workingLocationId ?? undefined }),
    refetchInterval: pollMs,
    staleTime: 0,
  });

  const revoke = useMutation(
    trpc.impersonation.revoke.mutationOptions({
      onSuccess: (result, variables) => {
        const row = active.data?.find((item) => item.id === variables.impersonationId) ?? pending;
        setPending(null);
        void queryClient.invalidateQueries({ queryKey: trpc.impersonation.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
        if (result.revoked) {
          toast.success('Impersonation revoked', {
            description: row
              ? `${row.actor.fullName} no longer sees the portal as ${row.target.fullName}.`
              : undefined,
          });
        } else {
          toast.info('That impersonation had already ended.');
        }
      },
      onError: (error) => toast.error('Could not revoke', { description: errorMessage(error) }),
    }),
  );

  const showLocation = operator.locations.length > 1 && workingLocationId === null;
  const columns = useMemo(
    () =>
      columnsFor({
        now,
        showLocation,
        onRevoke: setPending,
      }),
    [now, showLocation],
  );

  const count = active.data?.length;
  const updatedAt = active.dataUpdatedAt;

  return (
    <PageBody>
      <PageHeader
        title="Active impersonations"
        description={
          count === undefined
            ? 'Who is viewing the portal as a customer right now.'
            : count === 0
              ? 'Nobody is viewing the portal as a customer right now.'
              : `${pluralize(count, 'open impersonation')}: who is viewing the portal as whom, right now.`
        }
        actions={
          <p className="flex items-center gap-2 text-xs text-slate-500" aria-live="off">
            <Radio
              aria-hidden="true"
              className={
                active.isError ? 'size-4 text-red-500' : 'size-4 animate-pulse text-emerald-600'
              }
            />
            {active.isError
              ? 'Updates paused'
              : `Live · updates every ${pollMs / 1000} s${updatedAt ? ` · checked ${formatTime(new Date(updatedAt))}` : ''}`}
          </p>
        }
      />
      <Card>
        <DataTable
          caption="Active impersonations"
          columns={columns}
          data={active.data ?? noRows}
          getRowId={(row) => row.id}
          status={active.status}
          skeletonRows={3}
          empty={
            <EmptyState
              icon={EyeOff}
              title="Nobody is viewing as a customer"
              action={
                <Button asChild>
                  <Link href="/customers">Find a customer</Link>
                </Button>
              }
            >
              Impersonations started from a customer’s page appear here while they last.
            </EmptyState>
          }
          error={
            <ErrorState
              title="Active impersonations could not be loaded"
              message={errorMessage(active.error)}
              onRetry={() => void active.refetch()}
            />
          }
        />
      </Card>
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => {
          if (!open && !revoke.isPending) setPending(null);
        }}
        title="Revoke this impersonation?"
        description={
          pending ? (
            <>
              {pending.actor.fullName} is viewing the portal as{' '}
              <strong className="font-medium text-slate-900">{pending.target.fullName}</strong> (
              {modeName(pending.mode).toLowerCase()}). The session ends at once and the portal tab
              stops working. This is recorded in the audit log.
            </>
          ) : null
        }
        confirmLabel="Revoke"
        pending={revoke.isPending}
        onConfirm={() => pending && revoke.mutate({ impersonationId: pending.id })}
      />
    </PageBody>
  );
}

const noRows: ImpersonationView[] = [];
