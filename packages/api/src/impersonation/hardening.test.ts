import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../admin';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { trpcTestContext } from '../../test/support/trpc-test-context';

let h: ApiTestHarness;
let bob: number;

beforeAll(async () => {
  h = await startApiTestHarness({
    grantsPerActor: { limit: 3, windowMinutes: 60 },
    exchangeFailuresPerIp: { limit: 5, windowMinutes: 15 },
  });
  bob = await h.coworkerIdOf('bob@example.com');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('full mode needs a fresh password', () => {
  it('is refused once the sign-in is older than the re-authentication window, and allowed after re-authenticating', async () => {
    const owner = await h.signIn('owner@hotdesk.test', 'ADMIN');
    h.advanceClock(6 * 60_000);
    try {
      const actor = await h.actorOf(owner.accessToken);
      const admin = adminRouter.createCaller(trpcTestContext(h, 'admin', actor).ctx);
      const start = () =>
        admin.impersonation.start({ coworkerId: bob, mode: 'full', reason: 'Ticket 5' });
      await expect(start()).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/confirm your password/i),
      });
      await expect(
        admin.session.reauthenticate({ password: 'wrong-password' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await admin.session.reauthenticate({ password: 'hotdesk-demo' });
      const fresh = adminRouter.createCaller(
        trpcTestContext(h, 'admin', await h.actorOf(owner.accessToken)).ctx,
      );
      const modeOf = async (grant: { impersonationId: string }) =>
        (await h.db.impersonation.findUniqueOrThrow({ where: { id: grant.impersonationId } })).mode;
      const full = await fresh.impersonation.start({
        coworkerId: bob,
        mode: 'full',
        reason: 'Ticket 5',
      });
      expect(await modeOf(full)).toBe('FULL');
      // Read-only never needs it.
      expect(await modeOf(await fresh.impersonation.start({ coworkerId: bob }))).toBe('READ_ONLY');
    } finally {
      h.advanceClock(-6 * 60_000);
    }
  });
});

describe('idle timeout of impersonated sessions', () => {
  it('ends a session left unused longer than the idle limit, long before its absolute end', async () => {
    const viewing = await impersonateViaRest(h, 'admin@downtown.hotdesk.test', bob, {
      validForInMinutes: 60,
    });
    const profiles = () =>
      h.rest('GET', '/api/public/coworkers/profiles', { bearer: viewing.accessToken });
    h.advanceClock(10 * 60_000);
    expect((await profiles()).status).toBe(200);
    h.advanceClock(10 * 60_000);
    expect((await profiles()).status).toBe(200);
    h.advanceClock(16 * 60_000);
    try {
      expect((await profiles()).status).toBe(401);
      const ended = await h.db.impersonation.findUniqueOrThrow({
        where: { id: viewing.impersonationId },
      });
      expect(ended.endedReason).toBe('EXPIRED');
    } finally {
      h.advanceClock(-36 * 60_000);
    }
  });
});

describe('abuse limits', () => {
  it('limits the grants one actor can make per hour (429 with Retry-After)', async () => {
    const alice = await h.signIn('alice@example.com');
    const grant = () =>
      h.rest('GET', `/api/public/coworkers/${bob}/impersonate`, { bearer: alice.accessToken });
    for (let i = 0; i < 3; i += 1) expect((await grant()).status).toBe(200);
    const limited = await grant();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits failed exchanges per address, and then refuses even a good token', async () => {
    const owner = await h.signIn('owner@hotdesk.test');
    const grant = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: owner.accessToken,
      query: { coworkerId: bob },
    });
    const exchange = (token: string) =>
      h.rest('POST', '/api/sys/users/exchange', { query: { token, validForInMinutes: 5 } });
    for (let i = 0; i < 5; i += 1) expect((await exchange(`garbage-${i}`)).status).toBe(401);
    const limited = await exchange(String(grant.json?.token));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
