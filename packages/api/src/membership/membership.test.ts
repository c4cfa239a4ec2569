import { TRPCError } from '@trpc/server';
import { addDays, localDayOf } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HotdeskError } from '../errors';
import { portalRouter } from '../portal';
import { type Actor } from '../sessions/actor';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { addPlainMember } from '../../test/support/member-content-fixtures';
import { trpcTestContext } from '../../test/support/trpc-test-context';

let h: ApiTestHarness;
let bob: number;
let bobUserId: number;
let ownerUserId: number;
let downtownAdminUserId: number;
let aliceUserId: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
  const userId = async (email: string) =>
    (await h.db.user.findUniqueOrThrow({ where: { email } })).id;
  bobUserId = await userId('bob@example.com');
  ownerUserId = await userId('owner@hotdesk.test');
  downtownAdminUserId = await userId('admin@downtown.hotdesk.test');
  aliceUserId = await userId('alice@example.com');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const portal = (actor: Actor) => portalRouter.createCaller(trpcTestContext(h, 'portal', actor).ctx);

const memberActor = async (email: string) => (await h.signIn(email)).actor;

async function viewOfBob(
  by: string,
  options: { mode?: 'read-only' | 'full'; kind?: 'operator' | 'team-admin' } = {},
) {
  const viewing = await impersonateViaRest(h, by, bob, {
    ...options,
    reason: options.mode === 'full' ? 'Door will not open' : undefined,
  });
  return { actor: await h.actorOf(viewing.accessToken), impersonationId: viewing.impersonationId };
}

async function lastEventId(): Promise<bigint> {
  const last = await h.db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return last?.id ?? 0n;
}

const eventsSince = (id: bigint) =>
  h.db.auditEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: 'asc' } });

/** The refusal a call got: its tRPC code and the service's own code underneath. */
async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause instanceof HotdeskError ? error.cause : null;
    return { code: error.code, domain: cause?.code, reason: cause?.details.reason };
  }
  throw new Error('the call succeeded');
}

describe('membership.get', () => {
  it('shows the member their plan, contract, card and recent visits, with the door PIN masked', async () => {
    const overview = await portal(await memberActor('bob@example.com')).membership.get();
    const today = localDayOf(h.ctx.now(), 'Europe/London');
    expect(overview).toMatchObject({
      member: { fullName: 'Bob Brown' },
      location: { name: 'Downtown Hub', timeZone: 'Europe/London', currency: 'GBP' },
      membership: {
        plan: {
          name: 'Hot desk',
          description: 'Any free desk, weekdays 8–20.',
          priceMinor: 25_000,
          billingPeriod: 'MONTHLY',
        },
        priceMinor: 25_000,
        startedOn: addDays(today, -200),
        renewsOn: addDays(today, 18),
        endedOn: null,
      },
      paymentMethod: {
        onFile: true,
        card: { brand: 'Visa', last4: '4242', expiryMonth: 8, expiryYear: 2028 },
        reveal: { allowed: true },
      },
      doorPin: { onFile: true, reveal: { allowed: true } },
    });
    expect(overview.visits.map((visit) => visit.day)).toEqual(
      [1, 3, 4, 8, 10].map((daysAgo) => addDays(today, -daysAgo)),
    );
    expect(JSON.stringify(overview)).not.toContain('4821');
  });

  it('masks the card and the PIN in a read-only view, and says why neither can be revealed', async () => {
    const { actor } = await viewOfBob('admin@downtown.hotdesk.test');
    const overview = await portal(actor).membership.get();
    const masked = {
      allowed: false,
      reason: 'This is a read-only view: the door PIN and payment details stay masked.',
    };
    expect(overview.paymentMethod).toEqual({ onFile: true, card: null, reveal: masked });
    expect(overview.doorPin).toEqual({ onFile: true, reveal: masked });
    expect(overview.membership?.plan.name).toBe('Hot desk');
    const text = JSON.stringify(overview);
    for (const secret of ['4821', '4242', 'Visa', '2028']) expect(text).not.toContain(secret);
  });

  it('masks the card in a full view too, where both may be revealed', async () => {
    const { actor } = await viewOfBob('owner@hotdesk.test', { mode: 'full' });
    const overview = await portal(actor).membership.get();
    expect(overview.paymentMethod).toEqual({ onFile: true, card: null, reveal: { allowed: true } });
    expect(overview.doorPin).toEqual({ onFile: true, reveal: { allowed: true } });
  });

  it('tells a member without a plan, card or PIN so', async () => {
    const member = await addPlainMember(h, 'Nora Nothing');
    const overview = await portal(await memberActor(member.email)).membership.get();
    expect(overview).toMatchObject({
      membership: null,
      paymentMethod: { onFile: false, card: null },
      doorPin: { onFile: false },
      visits: [],
    });
  });

  it('shows the last ten visits only, newest first', async () => {
    const member = await addPlainMember(h, 'Vera Visits');
    const days = Array.from({ length: 12 }, (_, n) => addDays('2026-10-01', n));
    await h.db.visit.createMany({
      data: days.map((day) => ({
        coworkerId: member.coworkerId,
        locationId: member.location.id,
        checkedInAt: new Date(`${day}T08:30:00Z`),
      })),
    });
    const overview = await portal(await memberActor(member.email)).membership.get();
    expect(overview.visits.map((visit) => visit.day)).toEqual(days.slice(2).reverse());
    expect(overview.visits[0]).toMatchObject({ checkedOutAt: null });
  });
});

describe('membership.reveal', () => {
  it('gives the member their own door PIN and card, and records that they looked', async () => {
    const caller = portal(await memberActor('bob@example.com'));
    const since = await lastEventId();
    expect(await caller.membership.reveal({ secret: 'DOOR_PIN' })).toEqual({
      secret: 'DOOR_PIN',
      pin: '4821',
    });
    expect(await caller.membership.reveal({ secret: 'PAYMENT_METHOD' })).toEqual({
      secret: 'PAYMENT_METHOD',
      card: { brand: 'Visa', last4: '4242', expiryMonth: 8, expiryYear: 2028 },
    });
    const events = await eventsSince(since);
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['MEMBER_SECRET_REVEALED', { secret: 'DOOR_PIN' }],
      ['MEMBER_SECRET_REVEALED', { secret: 'PAYMENT_METHOD' }],
    ]);
    expect(events[0]).toMatchObject({
      actorUserId: bobUserId,
      targetCoworkerId: bob,
      impersonationId: null,
    });
  });

  it('is refused to a read-only view as READ_ONLY_SESSION, and the refusal is on the record', async () => {
    const { actor, impersonationId } = await viewOfBob('admin@downtown.hotdesk.test');
    const since = await lastEventId();
    expect(await refusal(portal(actor).membership.reveal({ secret: 'DOOR_PIN' }))).toMatchObject({
      code: 'FORBIDDEN',
      domain: 'READ_ONLY_SESSION',
    });
    const events = await eventsSince(since);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'IMPERSONATION_MUTATION_DENIED',
      actorUserId: downtownAdminUserId,
      impersonationId,
      data: { procedure: 'membership.reveal' },
    });
  });

  it('gives staff in a full view the value, recorded as its own event naming them', async () => {
    const { actor, impersonationId } = await viewOfBob('owner@hotdesk.test', { mode: 'full' });
    const since = await lastEventId();
    expect(await portal(actor).membership.reveal({ secret: 'DOOR_PIN' })).toEqual({
      secret: 'DOOR_PIN',
      pin: '4821',
    });
    expect(await portal(actor).membership.reveal({ secret: 'PAYMENT_METHOD' })).toMatchObject({
      card: { last4: '4242' },
    });
    const events = await eventsSince(since);
    expect(events.map((event) => event.type)).toEqual([
      'MEMBER_SECRET_REVEALED',
      'MEMBER_SECRET_REVEALED',
    ]);
    expect(events[0]).toMatchObject({
      actorUserId: ownerUserId,
      actorCoworkerId: null,
      targetCoworkerId: bob,
      impersonationId,
      data: { secret: 'DOOR_PIN' },
    });
  });

  it('is refused to a team administrator even in a full view, and the refusal is on the record', async () => {
    const { actor, impersonationId } = await viewOfBob('alice@example.com', {
      kind: 'team-admin',
      mode: 'full',
    });
    expect((await portal(actor).membership.get()).doorPin.reveal).toMatchObject({
      allowed: false,
    });
    const since = await lastEventId();
    expect(await refusal(portal(actor).membership.reveal({ secret: 'DOOR_PIN' }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'secret_for_member_only',
    });
    const events = await eventsSince(since);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'IMPERSONATION_MUTATION_DENIED',
      actorUserId: aliceUserId,
      impersonationId,
      data: { procedure: 'membership.reveal', secret: 'DOOR_PIN' },
    });
  });

  it('answers 404 when there is nothing to reveal, and records nothing', async () => {
    const erin = await memberActor('erin@example.com');
    const since = await lastEventId();
    expect(
      await refusal(portal(erin).membership.reveal({ secret: 'PAYMENT_METHOD' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await eventsSince(since)).toEqual([]);
  });

  it('refuses a secret it does not know with 400', async () => {
    const caller = portal(await memberActor('bob@example.com'));
    expect(
      await refusal(caller.membership.reveal({ secret: 'PASSWORD' as 'DOOR_PIN' })),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });
});
