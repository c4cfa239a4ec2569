import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageContainer } from '@/components/ui/page-header';
import { requireSession } from '@/trpc/server';
import { BookingDetailView } from './booking-detail-view';

export const metadata: Metadata = { title: 'Booking' };

export default async function BookingPage({ params }: { params: Promise<{ bookingId: string }> }) {
  const { bookingId } = await params;
  await requireSession(`/bookings/${bookingId}`);
  if (!/^[1-9]\d{0,9}$/.test(bookingId)) notFound();
  return (
    <PageContainer>
      <BookingDetailView bookingId={Number(bookingId)} />
    </PageContainer>
  );
}
