'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Flag } from 'lucide-react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import { PageBody, PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { columnHelper, DataTable } from '@/components/ui/data-table';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import { formatDateTime, modeName, pluralize } from '@/lib/format';
import { endedLabel } from '@/lib/impersonation';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

type Report = RouterOutputs['reports']['list'][number];
type Status = 'open' | 'all';

const helper = columnHelper<Report>();

function columnsFor({
  onResolve,
  resolving,
}: {
  onResolve: (report: Report) => void;
  resolving: string | null;
}) {
  return helper.columns([
    helper.display({
      id: 'member',
      header: 'Member',
      cell: ({ row }) => (
        <div className="whitespace-nowrap">
          <Link
            href={`/customers/${row.original.member.id}`}
            className="font-medium text-slate-900 hover:text-teal-700 hover:underline"
          >
            {row.original.member.fullName}
          </Link>
          <p className="text-xs text-slate-500">{row.original.location.name}</p>
        </div>
      ),
    }),
    helper.display({
      id: 'viewer',
      header: 'Viewed by',
      cell: ({ row }) => (
        <div className="whitespace-nowrap">
          <p className="font-medium text-slate-900">{row.original.view.viewer.fullName}</p>
          <p className="text-xs text-slate-500">
            {row.original.view.kind === 'TEAM_ADMIN'
              ? 'Team administrator'
              : row.original.view.viewer.email}
          </p>
        </div>
      ),
    }),
    helper.display({
      id: 'when',
      header: 'When and how',
      meta: { className: 'whitespace-nowrap' },
      cell: ({ row }) => {
        const { view } = row.original;
        return (
          <div>
            <p className="text-slate-900">
              {view.startedAt ? formatDateTime(view.startedAt) : 'Link never opened'}
            </p>
            <p className="mt-0.5">
              <Badge tone={view.mode === 'FULL' ? 'violet' : 'neutral'}>
                {modeName(view.mode)}
              </Badge>
            </p>
            <p className="mt-0.5 text-xs text-slate-500">{endedLabel(view.endedReason)}</p>
          </div>
        );
      },
    }),
    helper.display({
      id: 'reason',
      header: 'Their reason',
      meta: { className: 'max-w-56' },
      cell: ({ row }) =>
        row.original.view.reason ? (
          <span className="text-slate-700">{row.original.view.reason}</span>
        ) : (
          <span className="text-slate-500">None given</span>
        ),
    }),
    helper.display({
      id: 'words',
      header: "Member's words",
      meta: { className: 'max-w-72' },
      cell: ({ row }) => (
        <div>
          {row.original.words ? (
            <p className="whitespace-pre-wrap text-slate-900">{row.original.words}</p>
          ) : (
            <p className="text-slate-500">No words added</p>
          )}
          <p className="mt-0.5 text-xs text-slate-500">
            Reported {formatDateTime(row.original.createdAt)}
          </p>
        </div>
      ),
    }),
    helper.display({
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <div className="flex flex-col items-end gap-2 whitespace-nowrap">
          <Button asChild size="sm" variant="secondary">
            <Link
              href={`/impersonations/${row.original.view.id}`}
              aria-label={`Timeline of ${row.original.view.viewer.fullName}'s view of ${row.original.member.fullName}`}
            >
              Timeline
            </Link>
          </Button>
          {row.original.resolvedAt ? (
            <span className="text-xs text-slate-500">
              Resolved by {row.original.resolvedBy?.fullName ?? 'a former operator'},{' '}
              {formatDateTime(row.original.resolvedAt)}
            </span>
          ) : (
            <Button
              size="sm"
              variant="primary"
              disabled={resolving === row.original.id}
              onClick={() => onResolve(row.original)}
              aria-label={`Mark ${row.original.member.fullName}'s report resolved`}
            >
              Mark resolved
            </Button>
          )}
        </div>
      ),
    }),
  ]);
}

/** Members' "I did not expect this" reports, for the ADMINs and OWNERs of their locations. */
export function ReportsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>('open');
  const reports = useQuery(trpc.reports.list.queryOptions({ status }));
  const resolve = useMutation(
    trpc.reports.resolve.mutationOptions({
      onSuccess: (result) =>
        result.resolved
          ? toast.success('Report marked resolved')
          : toast.info('That report had already been resolved.'),
      onError: (error) =>
        toast.error('Could not mark it resolved', { description: errorMessage(error) }),
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
      },
    }),
  );
  const resolving = resolve.isPending ? (resolve.variables?.reportId ?? null) : null;
  const { mutate } = resolve;
  const columns = useMemo(
    () => columnsFor({ onResolve: (report) => mutate({ reportId: report.id }), resolving }),
    [mutate, resolving],
  );
  const count = reports.data?.length;

  return (
    <PageBody>
      <PageHeader
        title="Member reports"
        description={
          count === undefined
            ? 'Members who said “I did not expect this” about a view of their account.'
            : status === 'open'
              ? count === 0
                ? 'No open reports: no member has said “I did not expect this” since the last was resolved.'
                : `${pluralize(count, 'open report')} from members who did not expect a view of their account.`
              : `${pluralize(count, 'report')}, open and resolved.`
        }
        actions={
          <div role="group" aria-label="Show" className="flex gap-1">
            {(['open', 'all'] as const).map((option) => (
              <Button
                key={option}
                size="sm"
                variant={status === option ? 'primary' : 'secondary'}
                aria-pressed={status === option}
                onClick={() => setStatus(option)}
              >
                {option === 'open' ? 'Open' : 'All'}
              </Button>
            ))}
          </div>
        }
      />
      <Card>
        <DataTable
          caption="Member reports"
          columns={columns}
          data={reports.data ?? noRows}
          getRowId={(row) => row.id}
          status={reports.status}
          skeletonRows={3}
          empty={
            <EmptyState icon={Flag} title={status === 'open' ? 'No open reports' : 'No reports'}>
              When a member says “I did not expect this” about a view of their account, it appears
              here for the location’s admins and owners.
            </EmptyState>
          }
          error={
            <ErrorState
              title="Reports could not be loaded"
              message={errorMessage(reports.error)}
              onRetry={() => void reports.refetch()}
            />
          }
        />
      </Card>
    </PageBody>
  );
}

const noRows: Report[] = [];
