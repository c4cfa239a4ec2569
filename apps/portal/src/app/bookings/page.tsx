import type { Metadata } from 'next';
import { PageContainer, PageHeader } from '@/components/ui/page-header';
import { requireSession } from '@/trpc/server';
import { BookSpaceLink } from './book-space-link';
import { BookingsOverview } from './bookings-overview';

export const metadata: Metadata = { title: 'Bookings' };

export default async function BookingsPage() {
  const session = await requireSession('/bookings');
  return (
    <PageContainer>
      <PageHeader
        eyebrow={session.profile?.location.name}
        title="Bookings"
        description="Desks, meeting rooms and offices you have booked at this location."
        actions={<BookSpaceLink />}
      />
      <BookingsOverview />
    </PageContainer>
  );
}
