import { localDayOf, type ResourceKind } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { type Actor } from '../sessions/actor';
import { cancellationRefusal, noSuchBooking } from './booking-rules';

export interface BookingHistoryLine {
  what: 'created' | 'cancelled';
  at: Date;
  /** For the member: "Cancelled by Dana Downtown while viewing as Bob Brown". */
  text: string;
}

export interface BookingDetail {
  id: number;
  resource: { id: number; name: string; kind: ResourceKind; capacity: number };
  location: { name: string; timeZone: string; currency: string };
  startsAt: Date;
  endsAt: Date;
  /** The booking's day on the location's calendar. */
  day: string;
  priceMinor: number;
  cancelledAt: Date | null;
  canCancel: boolean;
  /** Who booked and who cancelled, oldest first: the real people, with the view they used. */
  history: BookingHistoryLine[];
}

const personSelect = { select: { fullName: true } } as const;
const viaSelect = { select: { target: personSelect } } as const;

/** One of the current profile's bookings, with who made and who cancelled it. */
export async function getBooking(
  ctx: ServiceContext,
  actor: Actor,
  bookingId: number,
): Promise<BookingDetail> {
  // Someone else's booking is not found, exactly like an id that does not exist.
  const booking =
    actor.coworkerId === null
      ? null
      : await ctx.db.booking.findFirst({
          where: { id: bookingId, coworkerId: actor.coworkerId },
          select: {
            id: true,
            coworkerId: true,
            startsAt: true,
            endsAt: true,
            priceMinor: true,
            createdAt: true,
            cancelledAt: true,
            resource: {
              select: {
                id: true,
                name: true,
                kind: true,
                capacity: true,
                location: { select: { name: true, timeZone: true, currency: true } },
              },
            },
            createdBy: personSelect,
            createdViaImpersonation: viaSelect,
            cancelledBy: personSelect,
            cancelledViaImpersonation: viaSelect,
          },
        });
  if (!booking) throw noSuchBooking(bookingId);
  const { location, ...resource } = booking.resource;
  const history: BookingHistoryLine[] = [
    {
      what: 'created',
      at: booking.createdAt,
      text: historyText(
        'Booked',
        booking.createdBy?.fullName,
        booking.createdViaImpersonation?.target.fullName,
      ),
    },
  ];
  if (booking.cancelledAt) {
    history.push({
      what: 'cancelled',
      at: booking.cancelledAt,
      text: historyText(
        'Cancelled',
        booking.cancelledBy?.fullName,
        booking.cancelledViaImpersonation?.target.fullName,
      ),
    });
  }
  return {
    id: booking.id,
    resource,
    location,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    day: localDayOf(booking.startsAt, location.timeZone),
    priceMinor: booking.priceMinor,
    cancelledAt: booking.cancelledAt,
    canCancel: cancellationRefusal(booking, actor.coworkerId, ctx.now()) === null,
    history,
  };
}

/** "Booked by Bob Brown", "Cancelled by Dana Downtown while viewing as Bob Brown". */
export function historyText(
  verb: 'Booked' | 'Cancelled',
  by: string | undefined,
  viewingAs: string | undefined,
): string {
  if (!by) return verb;
  return viewingAs ? `${verb} by ${by} while viewing as ${viewingAs}` : `${verb} by ${by}`;
}
