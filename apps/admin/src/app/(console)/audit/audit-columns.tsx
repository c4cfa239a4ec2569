import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { columnHelper } from '@/components/ui/data-table';
import { auditDetails, auditTypeLabel, auditTypeTone } from '@/lib/audit-labels';
import { formatDateTime } from '@/lib/format';
import { type AuditEventRow } from '@/lib/trpc';

const helper = columnHelper<AuditEventRow>();

/** The audit table's columns; the location only when several locations are shown. */
export function auditColumns(showLocation: boolean) {
  return helper.columns([
    helper.accessor('occurredAt', {
      header: 'When',
      meta: { className: 'whitespace-nowrap text-slate-700' },
      cell: ({ getValue, row }) => (
        <div>
          <time dateTime={getValue().toISOString()}>{formatDateTime(getValue())}</time>
          {row.original.ip ? (
            <p className="font-mono text-xs text-slate-500">
              <span className="sr-only">From IP </span>
              {row.original.ip}
            </p>
          ) : null}
        </div>
      ),
    }),
    helper.accessor('type', {
      header: 'Event',
      cell: ({ getValue }) => (
        <Badge tone={auditTypeTone(getValue())}>
          <span title={getValue()}>{auditTypeLabel(getValue())}</span>
        </Badge>
      ),
    }),
    helper.display({
      id: 'actor',
      header: 'Actor',
      cell: ({ row }) =>
        row.original.actorUser ? (
          <div className="whitespace-nowrap">
            <p className="font-medium text-slate-900">{row.original.actorUser.fullName}</p>
            <p className="text-xs text-slate-500">{row.original.actorUser.email}</p>
          </div>
        ) : (
          <span className="text-slate-500">Nobody signed in</span>
        ),
    }),
    helper.display({
      id: 'customer',
      header: showLocation ? 'Customer · location' : 'Customer',
      cell: ({ row }) => {
        const { targetCoworker: customer, location } = row.original;
        return (
          <div className="whitespace-nowrap">
            {customer ? (
              <Link
                href={`/customers/${customer.id}`}
                className="font-medium text-slate-900 hover:text-teal-700 hover:underline"
              >
                {customer.fullName}
              </Link>
            ) : (
              <span className="text-slate-500">—</span>
            )}
            {showLocation && location ? (
              <p className="text-xs text-slate-500">{location.name}</p>
            ) : null}
          </div>
        );
      },
    }),
    helper.display({
      id: 'details',
      header: 'Details',
      meta: { className: 'min-w-40 max-w-sm' },
      cell: ({ row }) => {
        const details = auditDetails(row.original.type, row.original.data);
        return details ? (
          <p className="line-clamp-2 text-slate-700" title={details}>
            {details}
          </p>
        ) : null;
      },
    }),
  ]);
}
