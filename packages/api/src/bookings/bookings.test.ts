import { addDays, localDayOf } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { portalRouter } from '../portal';
import { type Actor } from '../sessions/actor';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { trpcTestContext } from '../../test/support/trpc-test-context';

let h: ApiTestHarness;
let bob: Actor;
let bobUserId: number;
let downtownToday: string;
let resourceIds: Record<string, number>;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = (await h.signIn('bob@example.com')).actor;
  bobUserId = bob.userId ?? -1;
  downtownToday = localDayOf(h.ctx.now(), 'Europe/London');
  const resources = await h.db.resource.findMany({ select: { id: true, name: true } });
  resourceIds = Object.fromEntries(resources.map((r) => [r.name, r.id]));
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const portal = (actor: Actor) => portalRouter.createCaller(trpcTestContext(h, 'portal', actor).ctx);

/** A member of Downtown of this test's own, with no bookings yet. */
async function newMember(name: string): Promise<Actor> {
  const member = await h.addTwoFactorMember(name);
  await h.db.user.update({ where: { id: member.userId }, data: { totpSecret: null } });
  return (await h.signIn(member.email)).actor;
}

describe('bookings.resources', () => {
  it('lists the active resources of the current profile’s location, with its zone and currency', async () => {
    const answer = await portal(bob).bookings.resources();
    expect(answer.location).toMatchObject({
      name: 'Downtown Hub',
      timeZone: 'Europe/London',
      currency: 'GBP',
    });
    expect(answer.today).toBe(downtownToday);
    expect(answer.bookingRefused).toBe(null);
    expect(answer.resources.map((r) => r.name).sort()).toEqual([
      'Hot desk 1',
      'Hot desk 2',
      'Meeting room Kew',
      'Meeting room Soho',
      'Private office 2A',
    ]);
    expect(answer.resources.find((r) => r.name === 'Meeting room Kew')).toMatchObject({
      kind: 'MEETING_ROOM',
      capacity: 6,
      pricePerHourMinor: 2500,
      currency: 'GBP',
    });
  });

  it('gives a Riverside profile Riverside’s resources, in New York time and dollars', async () => {
    const erin = (await h.signIn('erin@example.com')).actor;
    const answer = await portal(erin).bookings.resources();
    expect(answer.location).toMatchObject({ timeZone: 'America/New_York', currency: 'USD' });
    expect(answer.resources.map((r) => r.name)).toContain('Meeting room Hudson');
    expect(answer.resources.map((r) => r.name)).not.toContain('Meeting room Kew');
  });
});

describe('booking a room', () => {
  it('books, prices by the hour, lists it as upcoming and records who booked it', async () => {
    const day = addDays(downtownToday, 10);
    const { bookingId } = await portal(bob).bookings.create({
      resourceId: resourceIds['Meeting room Kew']!,
      day,
      from: '14:00',
      to: '15:30',
    });
    const row = await h.db.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(row).toMatchObject({
      coworkerId: bob.coworkerId,
      priceMinor: 3750,
      createdByUserId: bobUserId,
      createdViaImpersonationId: null,
      cancelledAt: null,
    });
    expect(localDayOf(row.startsAt, 'Europe/London')).toBe(day);

    const upcoming = await portal(bob).bookings.list({ when: 'upcoming' });
    expect(upcoming.items.map((item) => item.id)).toContain(bookingId);

    const detail = await portal(bob).bookings.get({ bookingId });
    expect(detail).toMatchObject({
      day,
      priceMinor: 3750,
      canCancel: true,
      resource: { name: 'Meeting room Kew' },
      location: { timeZone: 'Europe/London', currency: 'GBP' },
    });
    expect(detail.history.map((line) => line.text)).toEqual(['Booked by Bob Brown']);

    const event = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'BOOKING_CREATED', targetCoworkerId: bob.coworkerId },
      orderBy: { id: 'desc' },
    });
    expect(event.actorUserId).toBe(bobUserId);
    expect(event.data).toMatchObject({ bookingId, resource: 'Meeting room Kew' });
  });

  it('shows the day’s taken slots in the location’s time, the member’s own marked', async () => {
    const day = addDays(downtownToday, 11);
    const soho = resourceIds['Meeting room Soho']!;
    await portal(bob).bookings.create({ resourceId: soho, day, from: '09:00', to: '10:00' });
    const alice = (await h.signIn('alice@example.com')).actor;
    await portal(alice).bookings.create({ resourceId: soho, day, from: '13:15', to: '14:45' });

    const seenByBob = await portal(bob).bookings.availability({ resourceId: soho, day });
    expect(seenByBob.timeZone).toBe('Europe/London');
    expect(seenByBob.taken.map(({ from, to, yours }) => ({ from, to, yours }))).toEqual([
      { from: '09:00', to: '10:00', yours: true },
      { from: '13:15', to: '14:45', yours: false },
    ]);
    const nextDay = await portal(bob).bookings.availability({
      resourceId: soho,
      day: addDays(day, 1),
    });
    expect(nextDay.taken).toEqual([]);
  });
});

describe('bookings.list', () => {
  it('pages upcoming soonest first and past latest first, every booking once, cancelled ones marked', async () => {
    const member = await newMember('Paula Pager');
    const desk = resourceIds['Hot desk 2']!;
    const made: number[] = [];
    for (const offset of [3, 1, 2, 5, 4]) {
      const { bookingId } = await portal(member).bookings.create({
        resourceId: desk,
        day: addDays(downtownToday, 20 + offset),
        from: '07:00',
        to: '08:00',
      });
      made[offset] = bookingId;
    }
    await portal(member).bookings.cancel({ bookingId: made[2]! });

    const seen: Array<{ id: number; cancelled: boolean }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await portal(member).bookings.list({ when: 'upcoming', cursor, limit: 2 });
      seen.push(...page.items.map((item) => ({ id: item.id, cancelled: !!item.cancelledAt })));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([
      { id: made[1], cancelled: false },
      { id: made[2], cancelled: true },
      { id: made[3], cancelled: false },
      { id: made[4], cancelled: false },
      { id: made[5], cancelled: false },
    ]);

    // Early on the 24th day (the services' clock moved), the first three have started and the
    // 24th day's has not: past, newest first. (03:00 UTC is before 07:00 in London all year.)
    const earlyOnDay24 = new Date(`${addDays(downtownToday, 24)}T03:00:00Z`);
    const later = { ...h.ctx, now: () => earlyOnDay24 };
    const past = await portalRouter
      .createCaller({ ...trpcTestContext(h, 'portal', member).ctx, ...later })
      .bookings.list({ when: 'past', limit: 50 });
    expect(past.items.map((item) => item.id)).toEqual([made[3], made[2], made[1]]);
    expect(past.items.every((item) => !item.canCancel)).toBe(true);
    expect(past.nextCursor).toBe(null);
  });

  it('answers a member without bookings with an empty page and no cursor', async () => {
    const member = await newMember('Nora None');
    expect(await portal(member).bookings.list({ when: 'upcoming' })).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(await portal(member).bookings.list({ when: 'past', cursor: null })).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('lists only the current profile’s bookings: bob’s seeded room tomorrow, his desk last week', async () => {
    const upcoming = await portal(bob).bookings.list({ when: 'upcoming', limit: 50 });
    const past = await portal(bob).bookings.list({ when: 'past', limit: 50 });
    expect(upcoming.items[0]).toMatchObject({
      resource: { name: 'Meeting room Kew' },
      timeZone: 'Europe/London',
      currency: 'GBP',
      canCancel: true,
    });
    expect(past.items.map((item) => item.resource.name)).toEqual(['Hot desk 1']);
    const ids = [...upcoming.items, ...past.items].map((item) => item.id);
    const bobs = await h.db.booking.count({
      where: { id: { in: ids }, coworkerId: bob.coworkerId ?? -1 },
    });
    expect(bobs).toBe(ids.length);
  });
});

describe('cancelling', () => {
  it('cancels the member’s own future booking once; it stays listed, marked, with its history', async () => {
    const { bookingId } = await portal(bob).bookings.create({
      resourceId: resourceIds['Private office 2A']!,
      day: addDays(downtownToday, 12),
      from: '08:00',
      to: '09:00',
    });
    expect(await portal(bob).bookings.cancel({ bookingId })).toEqual({ ok: true });
    const detail = await portal(bob).bookings.get({ bookingId });
    expect(detail.cancelledAt).not.toBe(null);
    expect(detail.canCancel).toBe(false);
    expect(detail.history.map((line) => line.text)).toEqual([
      'Booked by Bob Brown',
      'Cancelled by Bob Brown',
    ]);
    const row = await h.db.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(row.cancelledByUserId).toBe(bobUserId);
    const event = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'BOOKING_CANCELLED', actorUserId: bobUserId },
      orderBy: { id: 'desc' },
    });
    expect(event.data).toMatchObject({ bookingId });
  });

  it('of the same booking twice at once: one succeeds, the other is told it is already cancelled', async () => {
    const { bookingId } = await portal(bob).bookings.create({
      resourceId: resourceIds['Private office 2A']!,
      day: addDays(downtownToday, 12),
      from: '10:00',
      to: '11:00',
    });
    const results = await Promise.allSettled([
      portal(bob).bookings.cancel({ bookingId }),
      portal(bob).bookings.cancel({ bookingId }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({
      code: 'CONFLICT',
      message: 'This booking is already cancelled.',
    });
    expect(
      await h.db.auditEvent.count({
        where: { type: 'BOOKING_CANCELLED', data: { path: ['bookingId'], equals: bookingId } },
      }),
    ).toBe(1);
  });
});
