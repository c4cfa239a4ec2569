import Link from 'next/link';
import { CustomerBadges } from '@/components/customer-badges';
import { columnHelper } from '@/components/ui/data-table';
import { formatDate } from '@/lib/format';
import { type CustomerRow } from '@/lib/trpc';

const helper = columnHelper<CustomerRow>();

/** The customer list's columns; the location only when several locations are shown. */
export function customerColumns(showLocation: boolean) {
  return helper.columns([
    helper.accessor('fullName', {
      header: 'Name',
      meta: { sortKey: 'name', className: 'min-w-56' },
      cell: ({ row }) => (
        <div className="min-w-0">
          <Link
            href={`/customers/${row.original.id}`}
            data-row-link=""
            className="font-medium text-slate-900 hover:text-teal-700 hover:underline"
          >
            {row.original.fullName}
          </Link>
          {row.original.companyName ? (
            <p className="truncate text-xs text-slate-500">{row.original.companyName}</p>
          ) : null}
        </div>
      ),
    }),
    helper.accessor('email', {
      header: 'Email',
      meta: { sortKey: 'email', className: 'max-w-72' },
      cell: ({ getValue }) => {
        const email = getValue();
        return email ? (
          <span className="block truncate text-slate-700" title={email}>
            {email}
          </span>
        ) : (
          <span className="text-slate-500">No email</span>
        );
      },
    }),
    ...(showLocation
      ? [
          helper.accessor((row) => row.location.name, {
            id: 'location',
            header: 'Location',
            cell: ({ getValue }) => (
              <span className="whitespace-nowrap text-slate-700">{getValue()}</span>
            ),
          }),
        ]
      : []),
    helper.display({
      id: 'status',
      header: 'Status',
      cell: ({ row }) => <CustomerBadges customer={row.original} />,
    }),
    helper.accessor('createdAt', {
      header: 'Customer since',
      meta: {
        sortKey: 'created',
        className: 'hidden whitespace-nowrap text-slate-600 min-[1200px]:table-cell',
      },
      cell: ({ getValue }) => formatDate(getValue()),
    }),
  ]);
}
