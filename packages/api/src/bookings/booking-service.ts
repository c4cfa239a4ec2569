import {
  addDays,
  instantAt,
  localClockOf,
  localDayOf,
  type LocalDay,
  type ResourceKind,
} from '@hotdesk/db';

import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { type Actor } from '../sessions/actor';
import { actingPerson, bookerOf } from './booker';
import {
  alreadyCancelled,
  bookerRefusal,
  bookingPrice,
  bookingRefusal,
  bookingTerms,
  bookingTimeRefusal,
  cancellationRefusal,
  noSuchBooking,
  noSuchResource,
  resourceRefusal,
  slotOf,
  type BookingRequest,
  type BookingSlot,
  type BookingTerms,
} from './booking-rules';

export interface BookableResources {
  location: { id: number; name: string; timeZone: string; currency: string };
  /** Today at the location: the first day that can be booked. */
  today: LocalDay;
  /** The last day that can be booked (`terms.horizonDays` ahead). */
  lastDay: LocalDay;
  terms: BookingTerms;
  /** Why this profile cannot book at all (a team withholds it), or null. */
  bookingRefused: string | null;
  resources: Array<{
    id: number;
    name: string;
    kind: ResourceKind;
    capacity: number;
    pricePerHourMinor: number;
    currency: string;
  }>;
}

/** What the current profile's location offers, with the terms and whether this profile may book. */
export async function listBookableResources(
  ctx: ServiceContext,
  actor: Actor,
): Promise<BookableResources> {
  const booker = await bookerOf(ctx.db, actor);
  const resources = await ctx.db.resource.findMany({
    where: { locationId: booker.locationId, active: true },
    orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    select: { id: true, name: true, kind: true, capacity: true, pricePerHourMinor: true },
  });
  const today = localDayOf(ctx.now(), booker.location.timeZone);
  return {
    location: booker.location,
    today,
    lastDay: addDays(today, bookingTerms.horizonDays),
    terms: bookingTerms,
    bookingRefused: bookerRefusal(booker)?.message ?? null,
    resources: resources.map((r) => ({ ...r, currency: booker.location.currency })),
  };
}

export interface DayAvailability {
  resourceId: number;
  day: LocalDay;
  timeZone: string;
  /** Live bookings of the resource that day, in start order, clipped to the day. */
  taken: Array<{ from: string; to: string; startsAt: Date; endsAt: Date; yours: boolean }>;
}

/** The resource's taken slots on one day at its location, so the free ones can be offered. */
export async function resourceAvailability(
  ctx: ServiceContext,
  actor: Actor,
  input: { resourceId: number; day: LocalDay },
): Promise<DayAvailability> {
  const [booker, resource] = await Promise.all([
    bookerOf(ctx.db, actor),
    ctx.db.resource.findUnique({
      where: { id: input.resourceId },
      select: { id: true, locationId: true, active: true },
    }),
  ]);
  if (!resource) throw noSuchResource(input.resourceId);
  // Looking is not booking: a member whose team withholds bookings still sees what is free.
  const refusal = resourceRefusal(booker, resource);
  if (refusal) throw refusal;
  const timeZone = booker.location.timeZone;
  const dayStarts = instantAt(input.day, '00:00', timeZone);
  const dayEnds = instantAt(addDays(input.day, 1), '00:00', timeZone);
  const bookings = await ctx.db.booking.findMany({
    where: {
      resourceId: input.resourceId,
      cancelledAt: null,
      startsAt: { lt: dayEnds },
      endsAt: { gt: dayStarts },
    },
    orderBy: { startsAt: 'asc' },
    select: { startsAt: true, endsAt: true, coworkerId: true },
  });
  return {
    resourceId: input.resourceId,
    day: input.day,
    timeZone,
    taken: bookings.map((b) => ({
      from: b.startsAt <= dayStarts ? '00:00' : localClockOf(b.startsAt, timeZone),
      to: b.endsAt >= dayEnds ? '24:00' : localClockOf(b.endsAt, timeZone),
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      yours: b.coworkerId === booker.id,
    })),
  };
}

/**
 * Books a resource of the current profile's location for that profile. Two requests for one
 * slot race to the database, whose exclusion constraint lets exactly one in; the other gets
 * "That slot was just taken" (errors.ts).
 */
export async function createBooking(
  ctx: ServiceContext,
  actor: Actor,
  input: BookingRequest & { resourceId: number },
): Promise<{ bookingId: number }> {
  const [booker, resource] = await Promise.all([
    bookerOf(ctx.db, actor),
    ctx.db.resource.findUnique({
      where: { id: input.resourceId },
      select: { id: true, name: true, locationId: true, active: true, pricePerHourMinor: true },
    }),
  ]);
  if (!resource) throw noSuchResource(input.resourceId);
  const refusal = bookingRefusal(booker, resource);
  if (refusal) throw refusal;
  const now = ctx.now();
  const timeZone = booker.location.timeZone;
  const timeRefusal = bookingTimeRefusal(input, { now, timeZone });
  if (timeRefusal) throw timeRefusal;
  const slot = slotOf(input, timeZone);
  const priceMinor = bookingPrice(resource.pricePerHourMinor, slot);
  const by = actingPerson(actor);
  return auditedTransaction(ctx.db, async (tx) => {
    const booking = await tx.booking.create({
      data: {
        resourceId: resource.id,
        coworkerId: booker.id,
        ...slot,
        priceMinor,
        createdAt: now,
        createdByUserId: by.userId,
        createdViaImpersonationId: by.viaImpersonationId,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      type: 'BOOKING_CREATED',
      actor,
      targetCoworkerId: booker.id,
      locationId: booker.locationId,
      data: {
        bookingId: booking.id,
        resourceId: resource.id,
        resource: resource.name,
        when: localSpan(slot, timeZone),
        priceMinor,
        currency: booker.location.currency,
      },
      request: ctx.request,
      at: now,
    });
    return { bookingId: booking.id };
  });
}

/** Cancels one of the current profile's bookings that has not started yet. */
export async function cancelBooking(
  ctx: ServiceContext,
  actor: Actor,
  bookingId: number,
): Promise<void> {
  const booking = await ctx.db.booking.findUnique({
    where: { id: bookingId },
    select: {
      id: true,
      coworkerId: true,
      startsAt: true,
      endsAt: true,
      cancelledAt: true,
      resource: {
        select: { name: true, locationId: true, location: { select: { timeZone: true } } },
      },
    },
  });
  if (!booking) throw noSuchBooking(bookingId);
  const now = ctx.now();
  const refusal = cancellationRefusal(booking, actor.coworkerId, now);
  if (refusal) throw refusal;
  const by = actingPerson(actor);
  await auditedTransaction(ctx.db, async (tx) => {
    // The conditions again, in the write: of two concurrent cancellations only one happens.
    const { count } = await tx.booking.updateMany({
      where: { id: bookingId, cancelledAt: null, startsAt: { gt: now } },
      data: {
        cancelledAt: now,
        cancelledByUserId: by.userId,
        cancelledViaImpersonationId: by.viaImpersonationId,
      },
    });
    if (count === 0) throw alreadyCancelled();
    await recordAuditEvent(tx, {
      type: 'BOOKING_CANCELLED',
      actor,
      targetCoworkerId: booking.coworkerId,
      locationId: booking.resource.locationId,
      data: {
        bookingId,
        resource: booking.resource.name,
        when: localSpan(booking, booking.resource.location.timeZone),
      },
      request: ctx.request,
      at: now,
    });
  });
}

/** "2026-12-03 10:00–11:00 Europe/London": a booking's time as the location's clocks show it. */
export function localSpan(slot: BookingSlot, timeZone: string): string {
  const from = localClockOf(slot.startsAt, timeZone);
  const to = localClockOf(slot.endsAt, timeZone);
  return `${localDayOf(slot.startsAt, timeZone)} ${from}–${to} ${timeZone}`;
}
