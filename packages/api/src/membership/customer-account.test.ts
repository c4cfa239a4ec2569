import { TRPCError } from '@trpc/server';
import { addDays, localDayOf } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../admin';
import { type Actor } from '../sessions/actor';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { trpcTestContext } from '../../test/support/trpc-test-context';

let h: ApiTestHarness;
let bob: number;
let erin: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
  erin = await h.coworkerIdOf('erin@example.com', 'riverside');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const admin = (actor: Actor) => adminRouter.createCaller(trpcTestContext(h, 'admin', actor).ctx);
const operator = async (email: string) => (await h.signIn(email, 'ADMIN')).actor;

async function refusal(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('customerAccount.summary (admin)', () => {
  it('shows an operator of the location plan, renewal, invoices and bookings, card and PIN masked', async () => {
    const summary = await admin(
      await operator('viewer@downtown.hotdesk.test'),
    ).customerAccount.summary({ coworkerId: bob });
    const today = localDayOf(h.ctx.now(), 'Europe/London');
    expect(summary).toMatchObject({
      location: { timeZone: 'Europe/London', currency: 'GBP' },
      membership: {
        plan: { name: 'Hot desk', billingPeriod: 'MONTHLY' },
        renewsOn: addDays(today, 18),
      },
      invoices: {
        count: 2,
        overdueCount: 1,
        latest: [
          { number: 'INV-0042', status: 'overdue', totalMinor: 32_500, currency: 'GBP' },
          { number: 'INV-0027', status: 'paid', totalMinor: 25_000, currency: 'GBP' },
        ],
      },
      bookings: { upcomingCount: 1, next: { resourceName: 'Meeting room Kew' } },
      paymentMethod: { onFile: true },
      doorPin: { onFile: true },
    });
    expect(summary.paymentMethod).toEqual({ onFile: true });
    expect(summary.doorPin).toEqual({ onFile: true });
    const text = JSON.stringify(summary);
    for (const secret of ['4821', '4242', 'Visa', '2028']) expect(text).not.toContain(secret);
  });

  it('counts a booking that was cancelled or has passed as not upcoming', async () => {
    const next = await h.db.booking.findFirstOrThrow({
      where: { coworkerId: bob, startsAt: { gt: h.ctx.now() } },
    });
    await h.db.booking.update({ where: { id: next.id }, data: { cancelledAt: h.ctx.now() } });
    try {
      const summary = await admin(await operator('owner@hotdesk.test')).customerAccount.summary({
        coworkerId: bob,
      });
      expect(summary.bookings).toEqual({ upcomingCount: 0, next: null });
    } finally {
      await h.db.booking.update({ where: { id: next.id }, data: { cancelledAt: null } });
    }
  });

  it('says when a customer has no card on file', async () => {
    const summary = await admin(await operator('owner@hotdesk.test')).customerAccount.summary({
      coworkerId: erin,
    });
    expect(summary).toMatchObject({
      membership: { plan: { name: 'Studio', billingPeriod: 'YEARLY' } },
      invoices: { count: 1, overdueCount: 0 },
      paymentMethod: { onFile: false },
      doorPin: { onFile: true },
    });
  });

  it('answers an operator of another location exactly as an unknown id: 404', async () => {
    const riverside = admin(await operator('admin@riverside.hotdesk.test'));
    const elsewhere = await refusal(riverside.customerAccount.summary({ coworkerId: bob }));
    const unknown = await refusal(riverside.customerAccount.summary({ coworkerId: 2_000_000_000 }));
    expect([elsewhere.code, unknown.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(elsewhere.message.replace(String(bob), '#')).toBe(
      unknown.message.replace('2000000000', '#'),
    );
    expect((await riverside.customerAccount.summary({ coworkerId: erin })).invoices.count).toBe(1);
  });

  it('is refused to members', async () => {
    const member = (await h.signIn('bob@example.com')).actor;
    expect((await refusal(admin(member).customerAccount.summary({ coworkerId: bob }))).code).toBe(
      'UNAUTHORIZED',
    );
  });
});
