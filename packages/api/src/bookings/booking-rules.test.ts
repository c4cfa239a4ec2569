import { describe, expect, it } from 'vitest';

import { httpStatusOf, type HotdeskError } from '../errors';
import {
  bookerRefusal,
  bookingPrice,
  bookingRefusal,
  bookingTimeRefusal,
  cancellationRefusal,
  resourceRefusal,
  slotOf,
  type BookerFacts,
} from './booking-rules';

// 10:30 on Wednesday 2 December 2026 in London (GMT, so UTC too).
const now = new Date('2026-12-02T10:30:00Z');
const london = { now, timeZone: 'Europe/London' };

const answer = (refusal: HotdeskError | null) =>
  refusal && { status: httpStatusOf(refusal), field: refusal.details.field };

describe('when a slot may be booked', () => {
  it('allows a quarter-hour slot in opening hours, later today or within 90 days', () => {
    expect(bookingTimeRefusal({ day: '2026-12-02', from: '11:00', to: '12:15' }, london)).toBe(
      null,
    );
    expect(bookingTimeRefusal({ day: '2027-03-02', from: '07:00', to: '19:00' }, london)).toBe(
      null,
    );
  });

  it.each([
    ['ends before it starts', { day: '2026-12-03', from: '11:00', to: '10:00' }, 'to'],
    ['ends when it starts', { day: '2026-12-03', from: '11:00', to: '11:00' }, 'to'],
    ['starts off the quarter hour', { day: '2026-12-03', from: '11:10', to: '12:00' }, 'from'],
    ['ends off the quarter hour', { day: '2026-12-03', from: '11:00', to: '12:05' }, 'to'],
    ['starts before opening', { day: '2026-12-03', from: '06:45', to: '08:00' }, 'from'],
    ['ends after closing', { day: '2026-12-03', from: '21:00', to: '22:15' }, 'to'],
    ['lasts more than 12 hours', { day: '2026-12-03', from: '07:00', to: '19:15' }, 'to'],
    ['is on a day gone by', { day: '2026-12-01', from: '11:00', to: '12:00' }, 'day'],
    ['is earlier today', { day: '2026-12-02', from: '09:00', to: '11:00' }, 'from'],
    ['starts this very minute', { day: '2026-12-02', from: '10:30', to: '11:00' }, 'from'],
    ['is more than 90 days ahead', { day: '2027-03-03', from: '11:00', to: '12:00' }, 'day'],
  ])('refuses a slot that %s, naming the field', (_, request, field) => {
    expect(answer(bookingTimeRefusal(request, london))).toEqual({ status: 400, field });
  });

  it('reads "today" on the location’s calendar, not the server’s', () => {
    // 01:00 UTC on 3 December is 20:00 on 2 December in New York: the evening is still to come.
    const lateInNewYork = { now: new Date('2026-12-03T01:00:00Z'), timeZone: 'America/New_York' };
    expect(
      bookingTimeRefusal({ day: '2026-12-02', from: '21:00', to: '21:30' }, lateInNewYork),
    ).toBe(null);
    expect(
      answer(bookingTimeRefusal({ day: '2026-12-02', from: '19:00', to: '21:00' }, lateInNewYork)),
    ).toEqual({ status: 400, field: 'from' });
  });

  it('turns wall-clock times into instants at the location, summer time included', () => {
    const slot = slotOf({ day: '2027-07-01', from: '10:00', to: '11:30' }, 'Europe/London');
    expect(slot.startsAt.toISOString()).toBe('2027-07-01T09:00:00.000Z');
    expect(slot.endsAt.toISOString()).toBe('2027-07-01T10:30:00.000Z');
  });

  it('prices the time booked at the hourly rate', () => {
    const slot = slotOf({ day: '2026-12-03', from: '10:00', to: '11:30' }, 'Europe/London');
    expect(bookingPrice(2500, slot)).toBe(3750);
    expect(
      bookingPrice(2500, slotOf({ day: '2026-12-03', from: '10:00', to: '10:15' }, 'UTC')),
    ).toBe(625);
  });
});

const bob: BookerFacts = {
  active: true,
  locationId: 1,
  teams: [{ name: 'Acme', canMakeBookings: true }],
};
const kew = { id: 7, locationId: 1, active: true };

describe('who may book what', () => {
  it('lets a member book an active resource of their profile’s location', () => {
    expect(bookingRefusal(bob, kew)).toBe(null);
    expect(bookingRefusal({ ...bob, teams: [] }, kew)).toBe(null);
  });

  it('answers another location’s resource and a withdrawn one as not found, naming the id', () => {
    for (const resource of [
      { ...kew, locationId: 2 },
      { ...kew, active: false },
    ]) {
      expect(answer(bookingRefusal(bob, resource))).toEqual({ status: 404, field: 'resourceId' });
      expect(answer(resourceRefusal(bob, resource))).toEqual({ status: 404, field: 'resourceId' });
    }
  });

  it('refuses a member whose team withholds bookings, naming the team', () => {
    const withheld = {
      ...bob,
      teams: [
        { name: 'Acme', canMakeBookings: true },
        { name: 'Rivet', canMakeBookings: false },
      ],
    };
    const refusal = bookingRefusal(withheld, kew);
    expect(answer(refusal)).toEqual({ status: 403, field: undefined });
    expect(refusal?.message).toContain('Rivet');
    expect(refusal?.details.reason).toBe('bookings_not_allowed');
    // Still allowed to look at what is free.
    expect(resourceRefusal(withheld, kew)).toBe(null);
  });

  it('refuses a suspended profile', () => {
    expect(answer(bookerRefusal({ ...bob, active: false }))).toEqual({
      status: 403,
      field: undefined,
    });
  });
});

describe('who may cancel what', () => {
  const booking = {
    id: 41,
    coworkerId: 5,
    startsAt: new Date('2026-12-03T10:00:00Z'),
    cancelledAt: null,
  };

  it('lets the member cancel their own booking before it starts', () => {
    expect(cancellationRefusal(booking, 5, now)).toBe(null);
  });

  it('answers someone else’s booking as not found', () => {
    expect(answer(cancellationRefusal(booking, 6, now))).toEqual({
      status: 404,
      field: 'bookingId',
    });
    expect(answer(cancellationRefusal(booking, null, now))).toEqual({
      status: 404,
      field: 'bookingId',
    });
  });

  it('refuses a cancelled booking and one that has started, as conflicts', () => {
    expect(answer(cancellationRefusal({ ...booking, cancelledAt: now }, 5, now))).toEqual({
      status: 409,
      field: 'bookingId',
    });
    expect(answer(cancellationRefusal({ ...booking, startsAt: now }, 5, now))).toEqual({
      status: 409,
      field: 'bookingId',
    });
  });
});
