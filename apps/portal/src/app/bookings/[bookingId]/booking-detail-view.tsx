'use client';

import { useQuery } from '@tanstack/react-query';
import { CalendarX2 } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingRows } from '@/components/ui/skeleton';
import { errorCode } from '@/lib/errors';
import { formatDateTime, formatMoney } from '@/lib/format';
import { formatSpanIn } from '@/lib/zoned-time';
import { useTRPC } from '@/trpc/react';
import { CancelBookingButton } from '../cancel-booking-button';
import { ReadOnlyNotice } from '../read-only-notice';
import { resourceKindLabel } from '../resource-kind';
import { LoadError } from '@/components/ui/load-error';

const backLink = (
  <Link href="/bookings" className="hover:text-indigo-500">
    Bookings
  </Link>
);

/** One booking: when, where, what it costs, and who booked and cancelled it. */
export function BookingDetailView({ bookingId }: { bookingId: number }) {
  const trpc = useTRPC();
  const booking = useQuery(trpc.bookings.get.queryOptions({ bookingId }));

  if (booking.isPending) {
    return (
      <Card>
        <LoadingRows rows={3} label="Loading the booking…" />
      </Card>
    );
  }
  if (booking.isError) {
    if (errorCode(booking.error) === 'NOT_FOUND') {
      return (
        <>
          <PageHeader eyebrow={backLink} title="Booking not found" />
          <Card>
            <EmptyState icon={CalendarX2} title="No such booking of yours">
              It may belong to another profile.{' '}
              <Link href="/bookings" className="font-medium text-indigo-600">
                Back to your bookings
              </Link>
              .
            </EmptyState>
          </Card>
        </>
      );
    }
    return <LoadError title="The booking could not be loaded" query={booking} />;
  }

  const b = booking.data;
  const when = formatSpanIn(b.startsAt, b.endsAt, b.location.timeZone);
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={backLink}
        title={b.resource.name}
        description={`${when} (${b.location.timeZone})`}
        actions={
          b.canCancel ? (
            <CancelBookingButton
              bookingId={b.id}
              label={`${b.resource.name}, ${when} (${b.location.timeZone})`}
            />
          ) : null
        }
      />
      {b.canCancel ? <ReadOnlyNotice /> : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Details" className="lg:col-span-2">
          <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
            <Fact label="Status">
              {b.cancelledAt ? (
                <Badge tone="red">Cancelled</Badge>
              ) : (
                <Badge tone="emerald">Booked</Badge>
              )}
            </Fact>
            <Fact label="When">
              <time dateTime={b.startsAt.toISOString()}>{when}</time>
              <span className="block text-xs text-slate-500">{b.location.timeZone} time</span>
            </Fact>
            <Fact label="Where">
              {b.resource.name}, {b.location.name}
              <span className="block text-xs text-slate-500">
                {resourceKindLabel(b.resource.kind)} for up to {b.resource.capacity}
              </span>
            </Fact>
            <Fact label="Price">{formatMoney(b.priceMinor, b.location.currency)}</Fact>
          </dl>
        </Card>
        <Card title="History">
          <ol aria-label="Booking history" className="space-y-3">
            {b.history.map((line) => (
              <li key={line.what} className="text-sm">
                <p className="font-medium text-slate-900">{line.text}</p>
                <p className="text-xs text-slate-500">
                  <time dateTime={line.at.toISOString()}>{formatDateTime(line.at)}</time>
                </p>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}
