'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { CalendarDays, History } from 'lucide-react';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingRows } from '@/components/ui/skeleton';
import { describeError } from '@/lib/errors';
import { formatMoney } from '@/lib/format';
import { formatSpanIn } from '@/lib/zoned-time';
import { useTRPC } from '@/trpc/react';
import { CancelBookingButton } from './cancel-booking-button';
import { ReadOnlyNotice } from './read-only-notice';
import { resourceKindLabel } from './resource-kind';
import { LoadError } from '@/components/ui/load-error';

type BookingItem = inferRouterOutputs<PortalRouter>['bookings']['list']['items'][number];

const PAGE_SIZE = 10;

/** The member's upcoming bookings, then the past ones, each a page at a time. */
export function BookingsOverview() {
  return (
    <div className="space-y-6">
      <ReadOnlyNotice />
      <BookingSection
        when="upcoming"
        title="Upcoming"
        description="Soonest first. Times are shown on the location’s clocks, with its time zone."
      />
      <BookingSection
        when="past"
        title="Past"
        description="Most recent first, including bookings under way."
      />
    </div>
  );
}

function BookingSection({
  when,
  title,
  description,
}: {
  when: 'upcoming' | 'past';
  title: string;
  description: string;
}) {
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.bookings.list.infiniteQueryOptions(
      { when, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card title={title} description={description} className="overflow-hidden">
      {list.isPending ? (
        <LoadingRows rows={2} label={`Loading ${when} bookings…`} />
      ) : list.isError && !list.data ? (
        <LoadError title={`Your ${when} bookings could not be loaded`} query={list} />
      ) : items.length === 0 ? (
        when === 'upcoming' ? (
          <EmptyState icon={CalendarDays} title="No upcoming bookings">
            Book a desk, a meeting room or an office from{' '}
            <Link
              href="/bookings/new"
              className="font-medium text-indigo-600 hover:text-indigo-500"
            >
              Book a space
            </Link>
            .
          </EmptyState>
        ) : (
          <EmptyState icon={History} title="No past bookings">
            Bookings appear here once they have started.
          </EmptyState>
        )
      ) : (
        <>
          <ul aria-label={`${title} bookings`} className="-my-2 divide-y divide-slate-100">
            {items.map((booking) => (
              <BookingRow key={booking.id} booking={booking} />
            ))}
          </ul>
          {list.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <Button
                variant="secondary"
                pending={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                Load more
              </Button>
            </div>
          ) : null}
          {list.isFetchNextPageError ? (
            <Alert tone="error" className="mt-4">
              {describeError(list.error)}
            </Alert>
          ) : null}
        </>
      )}
    </Card>
  );
}

function BookingRow({ booking }: { booking: BookingItem }) {
  const when = formatSpanIn(booking.startsAt, booking.endsAt, booking.timeZone);
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3">
      <div className="min-w-0">
        <Link
          href={`/bookings/${booking.id}`}
          className="font-medium text-slate-900 hover:text-indigo-600"
        >
          {booking.resource.name}
        </Link>
        <p className="text-sm text-slate-600">
          <time dateTime={booking.startsAt.toISOString()}>{when}</time>{' '}
          <span className="text-slate-500">({booking.timeZone})</span>
        </p>
        <p className="text-xs text-slate-500">{resourceKindLabel(booking.resource.kind)}</p>
      </div>
      <div className="flex items-center gap-3">
        {booking.cancelledAt ? (
          <Badge tone="red">Cancelled</Badge>
        ) : booking.inProgress ? (
          <Badge tone="emerald">In progress</Badge>
        ) : null}
        <span className="text-sm text-slate-700 tabular-nums">
          {formatMoney(booking.priceMinor, booking.currency)}
        </span>
        {booking.canCancel ? (
          <CancelBookingButton
            bookingId={booking.id}
            label={`${booking.resource.name}, ${when} (${booking.timeZone})`}
          />
        ) : null}
      </div>
    </li>
  );
}
