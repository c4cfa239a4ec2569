'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { Receipt } from 'lucide-react';
import Link from 'next/link';
import { InvoiceStatusBadge } from '@/components/invoices/invoice-status-badge';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingRows } from '@/components/ui/skeleton';
import { describeError } from '@/lib/errors';
import { formatCalendarDay, formatMoney } from '@/lib/format';
import { useTRPC } from '@/trpc/react';
import { ListTableHead } from '@/components/ui/list-table-head';
import { LoadError } from '@/components/ui/load-error';

export function InvoiceList() {
  const trpc = useTRPC();
  const invoices = useInfiniteQuery(
    trpc.invoices.list.infiniteQueryOptions({}, { getNextPageParam: (page) => page.nextCursor }),
  );

  if (invoices.isPending) {
    return (
      <Card>
        <LoadingRows rows={4} label="Loading invoices…" />
      </Card>
    );
  }
  if (invoices.isLoadingError) {
    return <LoadError title="Your invoices could not be loaded" query={invoices} />;
  }
  const rows = invoices.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) {
    return (
      <Card>
        <EmptyState icon={Receipt} title="No invoices yet">
          Invoices from your location appear here as soon as they are issued.
        </EmptyState>
      </Card>
    );
  }

  return (
    <div className="space-y-4">
      <Card className="overflow-hidden">
        <div className="-mx-5 -my-4 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Your invoices, newest first</caption>
            <ListTableHead
              columns={[
                { label: 'Invoice' },
                { label: 'Issued' },
                { label: 'Due' },
                { label: 'Status' },
                { label: 'Amount', align: 'right' },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {rows.map((invoice) => (
                <tr key={invoice.id}>
                  <th scope="row" className="px-5 py-3 text-left font-medium whitespace-nowrap">
                    <Link
                      href={`/invoices/${invoice.id}`}
                      className="text-indigo-600 hover:text-indigo-500"
                    >
                      {invoice.number}
                    </Link>
                  </th>
                  <td className="px-3 py-3 whitespace-nowrap text-slate-700">
                    {formatCalendarDay(invoice.issuedOn)}
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap text-slate-700">
                    {formatCalendarDay(invoice.dueOn)}
                  </td>
                  <td className="px-3 py-3">
                    <InvoiceStatusBadge status={invoice.status} />
                  </td>
                  <td className="px-5 py-3 text-right whitespace-nowrap text-slate-900 tabular-nums">
                    {formatMoney(invoice.totalMinor, invoice.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {invoices.isError ? (
        <Alert tone="error" title="More invoices could not be loaded">
          {describeError(invoices.error)}
        </Alert>
      ) : null}
      {invoices.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            pending={invoices.isFetchingNextPage}
            onClick={() => void invoices.fetchNextPage()}
          >
            Load more
          </Button>
        </div>
      ) : null}
    </div>
  );
}
