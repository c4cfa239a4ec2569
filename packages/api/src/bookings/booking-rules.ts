import { addDays, instantAt, localDayOf, type LocalClock, type LocalDay } from '@hotdesk/db';

import { badRequest, forbidden, HotdeskError } from '../errors';

/**
 * Every rule about who may book what, when, and cancel it. Services ask these functions; the
 * portal reads the terms and refusals from the API's answers, so nothing in `apps/` restates a
 * rule or a limit.
 *
 * Bookings are only ever for the session's current profile: the booker is never taken from the
 * input. Booking for a teammate (TeamMember.canBookForTeam) is not offered, so no path needs
 * that flag, and none can reach another member's name.
 */
export const bookingTerms = {
  /** Starts and ends fall on these steps of the hour. */
  stepMinutes: 15,
  /** Opening hours, the same every day, in the location's own time zone. */
  opensAt: '07:00',
  closesAt: '22:00',
  maxHours: 12,
  /** How far ahead, in days from today at the location, a booking may start. */
  horizonDays: 90,
} as const;

export type BookingTerms = typeof bookingTerms;

/** What a member asks for, in the location's wall-clock time. */
export interface BookingRequest {
  day: LocalDay;
  from: LocalClock;
  to: LocalClock;
}

export interface BookingSlot {
  startsAt: Date;
  endsAt: Date;
}

const minutesOf = (clock: LocalClock) => {
  const [hours, minutes] = clock.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
};

/**
 * Why this slot cannot be booked now, naming the field at fault, or null. `day`, `from` and
 * `to` are already well formed (booking-contract.ts).
 */
export function bookingTimeRefusal(
  request: BookingRequest,
  at: { now: Date; timeZone: string },
  terms: BookingTerms = bookingTerms,
): HotdeskError | null {
  const from = minutesOf(request.from);
  const to = minutesOf(request.to);
  for (const [field, minutes] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (minutes % terms.stepMinutes !== 0) {
      return badRequest(field, `Choose a time on a ${terms.stepMinutes}-minute step.`);
    }
  }
  if (to <= from) return badRequest('to', 'The end must be after the start.');
  if (from < minutesOf(terms.opensAt)) {
    return badRequest('from', `Bookings start at ${terms.opensAt} at the earliest.`);
  }
  if (to > minutesOf(terms.closesAt)) {
    return badRequest('to', `Bookings end at ${terms.closesAt} at the latest.`);
  }
  if (to - from > terms.maxHours * 60) {
    return badRequest('to', `A booking lasts ${terms.maxHours} hours at most.`);
  }
  const today = localDayOf(at.now, at.timeZone);
  if (request.day < today) return badRequest('day', 'That day has already passed.');
  if (request.day > addDays(today, terms.horizonDays)) {
    return badRequest('day', `Book at most ${terms.horizonDays} days ahead.`);
  }
  if (slotOf(request, at.timeZone).startsAt.getTime() <= at.now.getTime()) {
    return badRequest('from', 'That time has already passed.');
  }
  return null;
}

/** The instants a request's wall-clock times name at the location. */
export function slotOf(request: BookingRequest, timeZone: string): BookingSlot {
  return {
    startsAt: instantAt(request.day, request.from, timeZone),
    endsAt: instantAt(request.day, request.to, timeZone),
  };
}

/** What a booking costs: the resource's hourly price for the time booked, in minor units. */
export function bookingPrice(pricePerHourMinor: number, slot: BookingSlot): number {
  const minutes = (slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000;
  return Math.round((pricePerHourMinor * minutes) / 60);
}

/** The profile that would book: the session's current one. */
export interface BookerFacts {
  active: boolean;
  locationId: number;
  teams: ReadonlyArray<{ name: string; canMakeBookings: boolean }>;
}

/** Why this profile may not book anything at all, or null; the portal shows the message. */
export function bookerRefusal(booker: BookerFacts): HotdeskError | null {
  if (!booker.active) return forbidden('This profile is suspended, so it cannot book.');
  // One team that withholds bookings is enough: the flag is the team administrator's say.
  const withholding = booker.teams.find((team) => !team.canMakeBookings);
  if (withholding) {
    return new HotdeskError(
      'FORBIDDEN',
      `Your team ${withholding.name} does not allow you to make bookings. Ask its administrator.`,
      { reason: 'bookings_not_allowed' },
    );
  }
  return null;
}

export interface ResourceFacts {
  id: number;
  locationId: number;
  active: boolean;
}

/**
 * The answer for a resource id that is unknown, withdrawn or at another location: all alike,
 * so a member learns nothing about other locations.
 */
export const noSuchResource = (resourceId: number) =>
  new HotdeskError('NOT_FOUND', `No bookable resource ${resourceId} at your location.`, {
    field: 'resourceId',
  });

/** Why this profile may not look at this resource's days: another location's, or withdrawn. */
export function resourceRefusal(
  booker: Pick<BookerFacts, 'locationId'>,
  resource: ResourceFacts,
): HotdeskError | null {
  if (!resource.active || resource.locationId !== booker.locationId) {
    return noSuchResource(resource.id);
  }
  return null;
}

/** Why this profile may not book this resource, or null. */
export function bookingRefusal(booker: BookerFacts, resource: ResourceFacts): HotdeskError | null {
  return resourceRefusal(booker, resource) ?? bookerRefusal(booker);
}

/** The answer for a booking id that is unknown or someone else's: all alike. */
export const noSuchBooking = (bookingId: number) =>
  new HotdeskError('NOT_FOUND', `No booking ${bookingId} of yours.`, { field: 'bookingId' });

/** The facts of a booking that decide whether it may still be cancelled. */
export interface CancellableFacts {
  id: number;
  coworkerId: number;
  startsAt: Date;
  cancelledAt: Date | null;
}

/**
 * Why the profile `coworkerId` may not cancel this booking now, or null. Someone else's booking
 * is "not found", like an unknown id; a cancelled or started one conflicts with its state.
 */
export function cancellationRefusal(
  booking: CancellableFacts,
  coworkerId: number | null,
  now: Date,
): HotdeskError | null {
  if (booking.coworkerId !== coworkerId) return noSuchBooking(booking.id);
  if (booking.cancelledAt) return alreadyCancelled();
  if (booking.startsAt.getTime() <= now.getTime()) {
    return new HotdeskError(
      'CONFLICT',
      'This booking has started, so it can no longer be cancelled.',
      { field: 'bookingId' },
    );
  }
  return null;
}

export const alreadyCancelled = () =>
  new HotdeskError('CONFLICT', 'This booking is already cancelled.', { field: 'bookingId' });
