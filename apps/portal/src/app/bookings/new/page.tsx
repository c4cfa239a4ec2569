import type { Metadata } from 'next';
import Link from 'next/link';
import { PageContainer, PageHeader } from '@/components/ui/page-header';
import { requireSession } from '@/trpc/server';
import { BookingForm } from './booking-form';

export const metadata: Metadata = { title: 'Book a space' };

export default async function NewBookingPage() {
  const session = await requireSession('/bookings/new');
  return (
    <PageContainer>
      <PageHeader
        eyebrow={
          <Link href="/bookings" className="hover:text-indigo-500">
            Bookings
          </Link>
        }
        title="Book a space"
        description={`A desk, a meeting room or an office at ${session.profile?.location.name ?? 'your location'}, in its local time.`}
      />
      <BookingForm />
    </PageContainer>
  );
}
