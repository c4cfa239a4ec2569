import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireSession } from '@/trpc/server';
import { InvoiceView } from './invoice-view';

export const metadata: Metadata = { title: 'Invoice' };

export default async function InvoicePage({ params }: { params: Promise<{ invoiceId: string }> }) {
  const { invoiceId } = await params;
  await requireSession(`/invoices/${encodeURIComponent(invoiceId)}`);
  const id = Number(invoiceId);
  // Ids are PostgreSQL integers: anything else is no invoice of anyone's.
  if (!/^\d+$/.test(invoiceId) || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) {
    notFound();
  }
  return <InvoiceView invoiceId={id} />;
}
