import type { Metadata } from 'next';
import { PageContainer, PageHeader } from '@/components/ui/page-header';
import { requireSession } from '@/trpc/server';
import { InvoiceList } from './invoice-list';

export const metadata: Metadata = { title: 'Invoices' };

export default async function InvoicesPage() {
  const session = await requireSession('/invoices');
  return (
    <PageContainer>
      <PageHeader
        eyebrow={session.profile?.location.name}
        title="Invoices"
        description="Everything your location has billed you, newest first. Open one to see its lines or print it."
      />
      <InvoiceList />
    </PageContainer>
  );
}
