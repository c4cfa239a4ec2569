'use client';

import { useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import Link from 'next/link';
import { useMemo } from 'react';
import { viewModeColumn, viewReasonColumn } from '@/components/impersonation-columns';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { columnHelper, DataTable } from '@/components/ui/data-table';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import { formatDateTime, pluralize, roleName } from '@/lib/format';
import { impersonationStatus } from '@/lib/impersonation';
import { type ImpersonationView, useTRPC } from '@/lib/trpc';
import { useNow } from '@/lib/use-now';

const helper = columnHelper<ImpersonationView>();

function historyColumns(now: number) {
  return helper.columns([
    helper.accessor('issuedAt', {
      header: 'Requested',
      meta: { className: 'whitespace-nowrap text-slate-700' },
      cell: ({ getValue }) => formatDateTime(getValue()),
    }),
    helper.display({
      id: 'actor',
      header: 'By',
      cell: ({ row }) => (
        <div className="whitespace-nowrap">
          <p className="font-medium text-slate-900">{row.original.actor.fullName}</p>
          <p className="text-xs text-slate-500">{roleName(row.original.actor.role)}</p>
          {row.original.approvedBy ? (
            <p className="text-xs text-slate-500">approved by {row.original.approvedBy}</p>
          ) : null}
        </div>
      ),
    }),
    viewModeColumn,
    viewReasonColumn('max-w-xs'),
    helper.display({
      id: 'status',
      header: 'Outcome',
      cell: ({ row }) => {
        const status = impersonationStatus(row.original, now);
        return (
          <div>
            <Badge tone={status.tone}>{status.label}</Badge>
            {row.original.endedAt ? (
              <p className="mt-0.5 text-xs whitespace-nowrap text-slate-500">
                {formatDateTime(row.original.endedAt)}
              </p>
            ) : null}
          </div>
        );
      },
    }),
    helper.display({
      id: 'timeline',
      header: () => <span className="sr-only">Timeline</span>,
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <Link
          href={`/impersonations/${row.original.id}`}
          className="text-sm font-medium whitespace-nowrap text-teal-700 hover:underline"
          aria-label={`Timeline of the view by ${row.original.actor.fullName}, ${formatDateTime(row.original.issuedAt)}`}
        >
          Timeline
        </Link>
      ),
    }),
  ]);
}

/** Every time someone viewed the portal as this customer: who, when, how and why. */
export function ImpersonationHistory({ coworkerId }: { coworkerId: number }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.impersonation.ofCustomer.queryOptions({ coworkerId }));
  const now = useNow(15_000);
  const columns = useMemo(() => historyColumns(now), [now]);
  const count = history.data?.length;
  return (
    <Card aria-labelledby="history-heading">
      <CardHeader
        id="history-heading"
        title="Impersonation history"
        description={
          count === undefined
            ? 'Who viewed the portal as this customer.'
            : count === 0
              ? 'Nobody has viewed the portal as this customer.'
              : `${pluralize(count, 'time')} someone viewed the portal as this customer${count >= 100 ? ' (latest 100)' : ''}.`
        }
      />
      <DataTable
        caption="Impersonation history"
        columns={columns}
        data={history.data ?? noRows}
        getRowId={(row) => row.id}
        status={history.status}
        fetching={history.isFetching}
        skeletonRows={3}
        empty={
          <EmptyState icon={History} title="No impersonations yet">
            When an operator or team administrator views the portal as this customer, it is listed
            here.
          </EmptyState>
        }
        error={
          <ErrorState
            title="History could not be loaded"
            message={errorMessage(history.error)}
            onRetry={() => void history.refetch()}
          />
        }
      />
    </Card>
  );
}

const noRows: ImpersonationView[] = [];
