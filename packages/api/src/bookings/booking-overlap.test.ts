import { addDays, createPrismaClient, instantAt, localDayOf, type PrismaClient } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { settleAuditSealing } from '../audit/audit-sealer';
import { attachAuditTrail } from '../audit/audit-trail';
import { portalRouter } from '../portal';
import { auditTrailFor } from '../runtime';
import { type Actor } from '../sessions/actor';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { trpcTestContext } from '../../test/support/trpc-test-context';

/**
 * Two live bookings of a resource never overlap, however they arrive: the database's exclusion
 * constraint decides, and the loser of a race is told the slot was just taken.
 */

let h: ApiTestHarness;
let bob: Actor;
let alice: Actor;
let bobId: number;
let soho: number;
let today: string;
const clients: PrismaClient[] = [];

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = (await h.signIn('bob@example.com')).actor;
  alice = (await h.signIn('alice@example.com')).actor;
  bobId = await h.coworkerIdOf('bob@example.com');
  soho = (await h.db.resource.findFirstOrThrow({ where: { name: 'Meeting room Soho' } })).id;
  today = localDayOf(h.ctx.now(), 'Europe/London');
  // Two app instances: each its own client, pool and connections to the one database.
  for (let i = 0; i < 2; i++) {
    const client = createPrismaClient({ url: h.url, max: 2 });
    attachAuditTrail(client, auditTrailFor(h.ctx.config, h.keys, h.auditKeys));
    clients.push(client);
  }
}, 120_000);

afterAll(async () => {
  for (const client of clients) {
    await settleAuditSealing(client);
    await client.$disconnect();
  }
  await h?.close();
});

const portalOn = (client: PrismaClient, actor: Actor) =>
  portalRouter.createCaller({ ...trpcTestContext(h, 'portal', actor).ctx, db: client });

const liveBookingsOfSoho = (day: string) =>
  h.db.booking.count({
    where: {
      resourceId: soho,
      cancelledAt: null,
      startsAt: { gte: instantAt(day, '00:00', 'Europe/London') },
      endsAt: { lte: instantAt(addDays(day, 1), '00:00', 'Europe/London') },
    },
  });

describe('racing for one slot', () => {
  it('of four concurrent requests on two instances, exactly one books; the others hear 409', async () => {
    const day = addDays(today, 30);
    const slot = { resourceId: soho, day, from: '10:00', to: '11:00' };
    // Every pair overlaps (all hold 10:30–10:45), so whichever commits first, only it stands.
    const results = await Promise.allSettled([
      portalOn(clients[0]!, bob).bookings.create(slot),
      portalOn(clients[1]!, alice).bookings.create(slot),
      portalOn(clients[0]!, alice).bookings.create({ ...slot, from: '10:15', to: '11:15' }),
      portalOn(clients[1]!, bob).bookings.create({ ...slot, from: '09:45', to: '10:45' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const refused of results.filter((r) => r.status === 'rejected')) {
      expect(refused.reason).toMatchObject({
        code: 'CONFLICT',
        message: 'That slot was just taken. Choose another time.',
      });
    }
    expect(await liveBookingsOfSoho(day)).toBe(1);
    expect(
      await h.db.auditEvent.count({
        where: { type: 'BOOKING_CREATED', data: { path: ['resourceId'], equals: soho } },
      }),
    ).toBe(1);
  });
});

describe('the constraint itself', () => {
  const insert = (startsAt: Date, endsAt: Date) =>
    h.db
      .$executeRaw`INSERT INTO "Booking" ("resourceId", "coworkerId", "startsAt", "endsAt", "priceMinor")
      VALUES (${soho}, ${bobId}, ${startsAt}, ${endsAt}, 0)`;
  const at = (day: string, clock: string) => instantAt(day, clock, 'Europe/London');

  it('refuses a raw INSERT that overlaps a live booking', async () => {
    const day = addDays(today, 31);
    await insert(at(day, '10:00'), at(day, '11:00'));
    await expect(insert(at(day, '10:59'), at(day, '12:00'))).rejects.toThrow(/Booking_no_overlap/);
    await expect(insert(at(day, '09:00'), at(day, '13:00'))).rejects.toThrow(/Booking_no_overlap/);
    expect(await liveBookingsOfSoho(day)).toBe(1);
  });

  it('allows back-to-back bookings: one may end when the next starts', async () => {
    const day = addDays(today, 32);
    const { bookingId } = await portalOn(clients[0]!, bob).bookings.create({
      resourceId: soho,
      day,
      from: '10:00',
      to: '11:00',
    });
    expect(bookingId).toBeGreaterThan(0);
    await portalOn(clients[1]!, alice).bookings.create({
      resourceId: soho,
      day,
      from: '11:00',
      to: '12:00',
    });
    await insert(at(day, '09:00'), at(day, '10:00'));
    expect(await liveBookingsOfSoho(day)).toBe(3);
  });

  it('lets a cancelled booking’s slot be booked again', async () => {
    const day = addDays(today, 33);
    const slot = { resourceId: soho, day, from: '15:00', to: '16:00' };
    const first = await portalOn(clients[0]!, bob).bookings.create(slot);
    await expect(portalOn(clients[1]!, alice).bookings.create(slot)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await portalOn(clients[0]!, bob).bookings.cancel({ bookingId: first.bookingId });
    const second = await portalOn(clients[1]!, alice).bookings.create(slot);
    expect(second.bookingId).not.toBe(first.bookingId);
    expect(await liveBookingsOfSoho(day)).toBe(1);
  });

  it('refuses a row that ends before it starts, whoever writes it', async () => {
    const day = addDays(today, 34);
    await expect(insert(at(day, '11:00'), at(day, '10:00'))).rejects.toThrow(
      /Booking_ends_after_start/,
    );
  });
});
