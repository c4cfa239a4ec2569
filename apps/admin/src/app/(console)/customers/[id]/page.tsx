import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CustomerDetailView } from './customer-detail-view';

export const metadata: Metadata = { title: 'Customer' };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const coworkerId = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(coworkerId) || coworkerId > 2_147_483_647) {
    notFound();
  }
  return <CustomerDetailView coworkerId={coworkerId} />;
}
