import { addDays, localDayOf } from '@hotdesk/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HotdeskError } from '../errors';
import { portalRouter } from '../portal';
import { type Actor } from '../sessions/actor';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { portalOverHttp } from '../../test/support/trpc-over-http';
import { trpcTestContext } from '../../test/support/trpc-test-context';

let h: ApiTestHarness;
let bob: Actor;
let bobId: number;
let today: string;
let kew: number;
let hudson: number;
let bobsSeededRoom: number;
let alicesBooking: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = (await h.signIn('bob@example.com')).actor;
  bobId = await h.coworkerIdOf('bob@example.com');
  today = localDayOf(h.ctx.now(), 'Europe/London');
  kew = (await h.db.resource.findFirstOrThrow({ where: { name: 'Meeting room Kew' } })).id;
  hudson = (await h.db.resource.findFirstOrThrow({ where: { name: 'Meeting room Hudson' } })).id;
  bobsSeededRoom = (
    await h.db.booking.findFirstOrThrow({ where: { coworkerId: bobId, resourceId: kew } })
  ).id;
  alicesBooking = (
    await h.db.booking.findFirstOrThrow({
      where: { coworker: { email: 'alice@example.com' } },
    })
  ).id;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const portal = (actor: Actor) => portalRouter.createCaller(trpcTestContext(h, 'portal', actor).ctx);

/** Everything a refused call could have changed: bookings and their cancellations. */
const bookingState = async () => ({
  bookings: await h.db.booking.count(),
  cancelled: await h.db.booking.count({ where: { cancelledAt: { not: null } } }),
});

const valid = () => ({ resourceId: kew, day: addDays(today, 14), from: '10:00', to: '11:00' });

describe('bad input to bookings.create: a 4xx naming the field, and nothing changes', () => {
  it.each([
    ['ending before it starts', { from: '11:00', to: '10:00' }, 400, 'to'],
    ['on a day gone by', { day: '2020-01-06' }, 400, 'day'],
    ['too far ahead', { day: '2099-01-05' }, 400, 'day'],
    ['off the quarter hour', { from: '10:05' }, 400, 'from'],
    ['outside opening hours', { from: '05:00' }, 400, 'from'],
    ['of another location’s resource', { resourceId: -1 }, 404, 'resourceId'],
    ['of a resource that does not exist', { resourceId: 999_999 }, 404, 'resourceId'],
    ['with a resource id out of range', { resourceId: 2 ** 31 }, 400, 'resourceId'],
    ['with a resource id as text', { resourceId: 'kew' }, 400, 'resourceId'],
    ['with a day not in the calendar', { day: '2027-02-30' }, 400, 'day'],
    ['with a day written otherwise', { day: '03/12/2026' }, 400, 'day'],
    ['with a time without its leading zero', { from: '9:00' }, 400, 'from'],
    ['with an hour past 23', { to: '25:00' }, 400, 'to'],
    ['with a NUL byte in the day', { day: '2026-12-0\u00003' }, 400, 'day'],
    ['with a NUL byte in a time', { to: '11:\u000000' }, 400, 'to'],
    ['without a day', { day: undefined }, 400, 'day'],
  ])('%s', async (_, change, status, field) => {
    const input: Record<string, unknown> = { ...valid(), ...change };
    if (input.resourceId === -1) input.resourceId = hudson;
    const before = await bookingState();
    const answer = await portalOverHttp(h, bob).mutation('bookings.create', input);
    expect(answer.status).toBe(status);
    expect(answer.error?.data.field).toBe(field);
    expect(answer.error?.message).toMatch(/\w/);
    expect(answer.error?.message).not.toContain('"code"');
    expect(await bookingState()).toEqual(before);
  });
});

it('words an input fault for people, field first', async () => {
  const answer = await portalOverHttp(h, bob).mutation('bookings.create', {
    ...valid(),
    day: '03/12/2026',
  });
  expect(answer.error?.message).toBe('day: must be a date like 2026-12-03');
  const late = await portalOverHttp(h, bob).mutation('bookings.create', {
    ...valid(),
    to: '23:00',
  });
  expect(late.error?.message).toBe('Bookings end at 22:00 at the latest.');
});

describe('refused cancellations and reads: a 4xx naming the booking, and nothing changes', () => {
  it.each([
    ['another member’s booking', () => alicesBooking, 404],
    ['a booking that does not exist', () => 999_999, 404],
  ])('cancel of %s', async (_, bookingId, status) => {
    const before = await bookingState();
    const answer = await portalOverHttp(h, bob).mutation('bookings.cancel', {
      bookingId: bookingId(),
    });
    expect(answer.status).toBe(status);
    expect(answer.error?.data.field).toBe('bookingId');
    expect(await bookingState()).toEqual(before);
  });

  it('reading another member’s booking is not found, like an unknown id', async () => {
    for (const bookingId of [alicesBooking, 999_999]) {
      const answer = await portalOverHttp(h, bob).query('bookings.get', { bookingId });
      expect(answer.status).toBe(404);
      expect(answer.error?.message).toBe(`No booking ${bookingId} of yours.`);
    }
  });

  it('a booking that has started cannot be cancelled', async () => {
    const { bookingId } = await portal(bob).bookings.create(valid());
    const later = new Date(Date.now() + 15 * 86_400_000);
    const caller = portalRouter.createCaller({
      ...trpcTestContext(h, 'portal', bob).ctx,
      now: () => later,
    });
    const before = await bookingState();
    await expect(caller.bookings.cancel({ bookingId })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'This booking has started, so it can no longer be cancelled.',
    });
    expect(await bookingState()).toEqual(before);
    await portal(bob).bookings.cancel({ bookingId });
  });

  it('a malformed list cursor, or one of the other list, is a 400 naming the cursor', async () => {
    const upcoming = await portal(bob).bookings.list({ when: 'upcoming', limit: 1 });
    expect(upcoming.nextCursor).not.toBe(null);
    for (const [when, cursor] of [
      ['past', upcoming.nextCursor],
      ['upcoming', 'not-a-cursor'],
    ]) {
      const answer = await portalOverHttp(h, bob).query('bookings.list', { when, cursor });
      expect(answer.status).toBe(400);
      expect(answer.error?.data.field).toBe('cursor');
    }
    const tooMany = await portalOverHttp(h, bob).query('bookings.list', {
      when: 'upcoming',
      limit: 51,
    });
    expect(tooMany.error?.data).toMatchObject({ httpStatus: 400, field: 'limit' });
  });
});

describe('team permissions', () => {
  it('a member whose team withholds bookings is told so and cannot book, but may look', async () => {
    const acme = await h.db.team.findFirstOrThrow({ where: { name: 'Acme' } });
    const membership = { teamId_coworkerId: { teamId: acme.id, coworkerId: bobId } };
    await h.db.teamMember.update({ where: membership, data: { canMakeBookings: false } });
    try {
      const resources = await portal(bob).bookings.resources();
      expect(resources.bookingRefused).toBe(
        'Your team Acme does not allow you to make bookings. Ask its administrator.',
      );
      const before = await bookingState();
      const answer = await portalOverHttp(h, bob).mutation('bookings.create', valid());
      expect(answer.status).toBe(403);
      expect(answer.error?.data.reason).toBe('bookings_not_allowed');
      expect(await bookingState()).toEqual(before);
      const { day, resourceId } = valid();
      expect((await portal(bob).bookings.availability({ resourceId, day })).taken).toEqual([]);
    } finally {
      await h.db.teamMember.update({ where: membership, data: { canMakeBookings: true } });
    }
  });
});

describe('inside an impersonation', () => {
  it('read-only: booking and cancelling are refused (403 READ_ONLY_SESSION), audited, and nothing changes', async () => {
    const view = await impersonateViaRest(h, 'admin@downtown.hotdesk.test', bobId, {
      reason: 'Looking at bookings',
    });
    const viewer = await h.actorOf(view.accessToken);
    const before = await bookingState();
    for (const attempt of [
      () => portal(viewer).bookings.create(valid()),
      () => portal(viewer).bookings.cancel({ bookingId: bobsSeededRoom }),
    ]) {
      const error = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe('FORBIDDEN');
      expect((error as TRPCError).cause).toBeInstanceOf(HotdeskError);
      expect(((error as TRPCError).cause as HotdeskError).code).toBe('READ_ONLY_SESSION');
    }
    expect(await bookingState()).toEqual(before);
    const denials = await h.db.auditEvent.findMany({
      where: { type: 'IMPERSONATION_MUTATION_DENIED', impersonationId: view.impersonationId },
      orderBy: { id: 'asc' },
    });
    expect(denials.map((event) => (event.data as { procedure: string }).procedure)).toEqual([
      'bookings.create',
      'bookings.cancel',
    ]);
    expect(denials.every((event) => event.actorUserId === view.impersonator.actor.userId)).toBe(
      true,
    );
    // Looking is allowed: the viewer sees bob's bookings.
    const upcoming = await portal(viewer).bookings.list({ when: 'upcoming' });
    expect(upcoming.items.map((item) => item.id)).toContain(bobsSeededRoom);
  });

  it('full: books and cancels as bob, and the history and the audit log name the operator', async () => {
    const view = await impersonateViaRest(h, 'admin@downtown.hotdesk.test', bobId, {
      mode: 'full',
      reason: 'Bob asked us to move his meeting',
    });
    const viewer = await h.actorOf(view.accessToken);
    const dana = view.impersonator.actor.userId;
    const { bookingId } = await portal(viewer).bookings.create({
      ...valid(),
      from: '16:00',
      to: '17:00',
    });
    await portal(viewer).bookings.cancel({ bookingId: bobsSeededRoom });

    const made = await h.db.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(made).toMatchObject({
      coworkerId: bobId,
      createdByUserId: dana,
      createdViaImpersonationId: view.impersonationId,
    });
    const cancelled = await portal(bob).bookings.get({ bookingId: bobsSeededRoom });
    expect(cancelled.history.map((line) => line.text)).toEqual([
      'Booked by Bob Brown',
      'Cancelled by Dana Downtown while viewing as Bob Brown',
    ]);
    expect((await portal(bob).bookings.get({ bookingId })).history[0]?.text).toBe(
      'Booked by Dana Downtown while viewing as Bob Brown',
    );
    const events = await h.db.auditEvent.findMany({
      where: {
        type: { in: ['BOOKING_CREATED', 'BOOKING_CANCELLED'] },
        impersonationId: view.impersonationId,
      },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => [event.type, event.actorUserId, event.targetCoworkerId])).toEqual([
      ['BOOKING_CREATED', dana, bobId],
      ['BOOKING_CANCELLED', dana, bobId],
    ]);
  });
});
