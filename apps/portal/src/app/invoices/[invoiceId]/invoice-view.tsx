'use client';

import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, FileQuestion, Printer } from 'lucide-react';
import Link from 'next/link';
import { useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageContainer } from '@/components/ui/page-header';
import { LoadingRows } from '@/components/ui/skeleton';
import { errorCode } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { InvoiceDocument } from './invoice-document';
import { LoadError } from '@/components/ui/load-error';

const back = (
  <Link
    href="/invoices"
    className="inline-flex items-center gap-1.5 text-sm font-medium text-indigo-600 hover:text-indigo-500 print:hidden"
  >
    <ArrowLeft aria-hidden="true" className="size-4" />
    All invoices
  </Link>
);

/** One invoice, on screen and on paper: printing leaves the portal's navigation behind. */
export function InvoiceView({ invoiceId }: { invoiceId: number }) {
  const trpc = useTRPC();
  const invoice = useQuery(trpc.invoices.get.queryOptions({ invoiceId }));

  useEffect(() => {
    if (invoice.data) document.title = `${invoice.data.number} · Hotdesk`;
  }, [invoice.data]);

  if (invoice.isPending) {
    return (
      <PageContainer>
        {back}
        <Card>
          <LoadingRows rows={6} label="Loading invoice…" />
        </Card>
      </PageContainer>
    );
  }
  if (invoice.isError) {
    return (
      <PageContainer>
        {back}
        {errorCode(invoice.error) === 'NOT_FOUND' ? (
          <Card>
            <EmptyState icon={FileQuestion} title="Invoice not found">
              There is no such invoice on this account. The link may be wrong, or the invoice
              belongs to another of your profiles.
            </EmptyState>
          </Card>
        ) : (
          <LoadError title="This invoice could not be loaded" query={invoice} />
        )}
      </PageContainer>
    );
  }

  return (
    <PageContainer>
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        {back}
        <Button variant="secondary" onClick={() => window.print()}>
          <Printer aria-hidden="true" className="size-4" />
          Print
        </Button>
      </div>
      <InvoiceDocument invoice={invoice.data} />
    </PageContainer>
  );
}
