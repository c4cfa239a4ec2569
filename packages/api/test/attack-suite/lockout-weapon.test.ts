import { DEMO_PASSWORD } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../../src/admin';
import { type HotdeskConfig } from '../../src/config';
import { type ServiceContext } from '../../src/context';
import { portalRouter } from '../../src/portal';
import { dispatchRestRequest } from '../../src/rest/rest-router';
import { startApiTestHarness, type ApiTestHarness } from '../support/api-test-harness';
import { trpcTestContext } from '../support/trpc-test-context';
import { recordAttack, Tally } from './attack-log';
import { demoIds, trpcCode, type DemoIds } from './attack-fixtures';

/**
 * Lockout as a weapon: whoever guesses at an account from elsewhere locks out only themselves.
 * Failures count per account and address, and per account from every address with a higher
 * cap that never shuts out the owner's usual address; an operator of the account's location
 * can lift a lockout, audited. Past a global failure budget every attempt but the owner's from
 * home slows down, and nobody is locked out by it.
 */

const limits: HotdeskConfig['signInLimits'] = {
  perAccountAndIp: 5,
  perAccount: 12,
  perIp: 100,
  windowMinutes: 15,
  maxLockoutMinutes: 60,
  globalFailureBudget: 1_000_000,
  globalDelaySeconds: 0,
};
const wrongPassword = 'Wr0ng-but-Secret!pass';

let h: ApiTestHarness;
let ids: DemoIds;

beforeAll(async () => {
  h = await startApiTestHarness({ signInLimits: limits });
  ids = await demoIds(h);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const at = (ip: string): ServiceContext => ({ ...h.ctx, request: { ip, userAgent: 'browser' } });

/** The REST password grant, from a given client address. */
async function restSignIn(ip: string, username: string, password: string) {
  const response = await dispatchRestRequest(
    at(ip),
    new Request('http://portal.test/api/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password }),
    }),
  );
  return response.status;
}

/** The portal's tRPC sign-in, from a given client address: its code, 'OK' when signed in. */
function trpcSignIn(ip: string, email: string, password: string) {
  const { ctx } = trpcTestContext(h, 'portal', null);
  const caller = portalRouter.createCaller({ ...ctx, request: { ip, userAgent: 'browser' } });
  return trpcCode(caller.session.signIn({ email, password }));
}

async function failFrom(ip: string, email: string, times: number, tally?: Tally) {
  for (let i = 0; i < times; i++) {
    const status = await restSignIn(ip, email, wrongPassword);
    tally?.add(status);
    expect(status).toBe(400);
  }
}

const adminCaller = async (email: string) => {
  const session = await h.signIn(email, 'ADMIN');
  return adminRouter.createCaller(trpcTestContext(h, 'admin', session.actor).ctx);
};

describe('an attacker elsewhere cannot lock the owner out', () => {
  it('wrong passwords from one address lock that address out of the account, not the owner at home (REST and tRPC)', async () => {
    const tally = new Tally();
    await failFrom('198.51.100.66', 'alice@example.com', limits.perAccountAndIp, tally);
    const attackerRight = await restSignIn('198.51.100.66', 'alice@example.com', DEMO_PASSWORD);
    const attackerTrpc = await trpcSignIn('198.51.100.66', 'alice@example.com', DEMO_PASSWORD);
    const ownerRest = await restSignIn('203.0.113.20', 'alice@example.com', DEMO_PASSWORD);
    const ownerTrpc = await trpcSignIn('203.0.113.20', 'alice@example.com', DEMO_PASSWORD);
    recordAttack('lock an account out by guessing from one address (5 wrong passwords)', {
      tried: tally.tried + 4,
      outcome: `${tally.summary()}; then from there ${attackerRight} (tRPC ${attackerTrpc}), the owner at home ${ownerRest} (tRPC ${ownerTrpc})`,
    });
    expect(attackerRight).toBe(429);
    expect(attackerTrpc).toBe('TOO_MANY_REQUESTS');
    expect(ownerRest).toBe(200);
    expect(ownerTrpc).toBe('OK');
  });

  it('guesses from many addresses reach the account-wide cap: new addresses wait, the usual one does not', async () => {
    expect(await restSignIn('203.0.113.30', 'bob@example.com', DEMO_PASSWORD)).toBe(200);
    const tally = new Tally();
    // Four addresses, three guesses each: no address reaches its own limit, the account does.
    for (const ip of ['198.51.100.71', '198.51.100.72', '198.51.100.73', '198.51.100.74']) {
      await failFrom(ip, 'bob@example.com', 3, tally);
    }
    const newAddress = await restSignIn('198.51.100.75', 'bob@example.com', DEMO_PASSWORD);
    const newAddressTrpc = await trpcSignIn('198.51.100.75', 'bob@example.com', DEMO_PASSWORD);
    const usualRest = await restSignIn('203.0.113.30', 'bob@example.com', DEMO_PASSWORD);
    const usualTrpc = await trpcSignIn('203.0.113.30', 'bob@example.com', DEMO_PASSWORD);
    recordAttack('lock an account out by guessing from many addresses (12 wrong passwords)', {
      tried: tally.tried + 4,
      outcome: `${tally.summary()}; then a new address ${newAddress} (tRPC ${newAddressTrpc}), the owner's usual address ${usualRest} (tRPC ${usualTrpc})`,
    });
    expect(tally.count(400)).toBe(limits.perAccount);
    expect(newAddress).toBe(429);
    expect(newAddressTrpc).toBe('TOO_MANY_REQUESTS');
    expect(usualRest).toBe(200);
    expect(usualTrpc).toBe('OK');
  });

  it('the usual address still has its own limit: guessing from there locks it out too', async () => {
    expect(await restSignIn('203.0.113.40', 'erin@example.com', DEMO_PASSWORD)).toBe(200);
    await failFrom('203.0.113.40', 'erin@example.com', limits.perAccountAndIp);
    expect(await restSignIn('203.0.113.40', 'erin@example.com', DEMO_PASSWORD)).toBe(429);
  });
});

describe('operators unlock an account', () => {
  it('an admin or owner of a location covering the account lifts every lockout, audited', async () => {
    const attacker = '198.51.100.80';
    await failFrom(attacker, 'carol@example.com', limits.perAccountAndIp);
    expect(await restSignIn(attacker, 'carol@example.com', DEMO_PASSWORD)).toBe(429);

    const downtownAdmin = await adminCaller('admin@downtown.hotdesk.test');
    const viewer = await adminCaller('viewer@downtown.hotdesk.test');
    const riversideAdmin = await adminCaller('admin@riverside.hotdesk.test');
    const lock = await downtownAdmin.coworkers.signInLock({ coworkerId: ids.carolDowntown });
    expect(lock).toMatchObject({ hasLogin: true, lockedAddresses: 1, canUnlock: true });
    expect(lock.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect((await viewer.coworkers.signInLock({ coworkerId: ids.carolDowntown })).canUnlock).toBe(
      false,
    );

    const refusals = {
      viewer: await trpcCode(viewer.coworkers.unlockSignIn({ coworkerId: ids.carolDowntown })),
      otherLocation: await trpcCode(
        riversideAdmin.coworkers.unlockSignIn({ coworkerId: ids.carolDowntown }),
      ),
      unknown: await trpcCode(downtownAdmin.coworkers.unlockSignIn({ coworkerId: 2_000_000_000 })),
    };
    const stillLocked = await restSignIn(attacker, 'carol@example.com', DEMO_PASSWORD);

    const since = (await h.db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    // Carol's login is one account: the admin of her other location may unlock it too.
    await riversideAdmin.coworkers.unlockSignIn({ coworkerId: ids.carolRiverside });
    const afterUnlock = await restSignIn(attacker, 'carol@example.com', DEMO_PASSWORD);
    const events = await h.db.auditEvent.findMany({
      where: { id: { gt: since }, type: 'SIGN_IN_UNLOCKED' },
    });
    recordAttack('unlock someone’s sign-in without being an admin of their location', {
      tried: 3,
      outcome: `VIEWER ${refusals.viewer}, admin of another location ${refusals.otherLocation}, unknown customer ${refusals.unknown}; an admin of theirs unlocks (sign-in then ${afterUnlock})`,
    });
    expect(refusals).toEqual({
      viewer: 'FORBIDDEN',
      otherLocation: 'NOT_FOUND',
      unknown: 'NOT_FOUND',
    });
    expect(stillLocked).toBe(429);
    expect(afterUnlock).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      targetCoworkerId: ids.carolRiverside,
      locationId: ids.riverside,
    });
  });

  it('says when a customer has no login, and that nothing is locked', async () => {
    const owner = await adminCaller('owner@hotdesk.test');
    expect(await owner.coworkers.signInLock({ coworkerId: ids.frank })).toMatchObject({
      hasLogin: true,
      lockedUntil: null,
      lockedAddresses: 0,
      accountWide: false,
    });
    const profileOnly = await h.db.coworker.create({
      data: { locationId: ids.downtown, fullName: 'No Login' },
    });
    expect(await owner.coworkers.signInLock({ coworkerId: profileOnly.id })).toMatchObject({
      hasLogin: false,
    });
    expect(await trpcCode(owner.coworkers.unlockSignIn({ coworkerId: profileOnly.id }))).toBe(
      'BAD_REQUEST',
    );
  });
});

describe('the global budget of failed sign-ins', () => {
  const delaySeconds = 3;

  it('slows every attempt past the budget, never refuses the right password, spares the usual address', async () => {
    expect(await restSignIn('203.0.113.50', 'owner@hotdesk.test', DEMO_PASSWORD)).toBe(200);
    h.ctx.config = {
      ...h.ctx.config,
      signInLimits: { ...limits, globalFailureBudget: 6, globalDelaySeconds: delaySeconds },
    };
    try {
      // A spray: one guess per account, each from its own address.
      for (let i = 0; i < 6; i++) {
        await failFrom(`198.51.100.${100 + i}`, `sprayed-${i}@example.com`, 1);
      }
      const timed = async <T>(attempt: () => Promise<T>) => {
        const started = performance.now();
        const result = await attempt();
        return { result, seconds: (performance.now() - started) / 1000 };
      };
      const guess = await timed(() => restSignIn('198.51.100.120', 'dave@example.com', 'guess'));
      const newDevice = await timed(() =>
        restSignIn('198.51.100.121', 'admin@riverside.hotdesk.test', DEMO_PASSWORD),
      );
      const newDeviceTrpc = await timed(() =>
        trpcSignIn('198.51.100.122', 'admin@downtown.hotdesk.test', DEMO_PASSWORD),
      );
      const usual = await timed(() =>
        restSignIn('203.0.113.50', 'owner@hotdesk.test', DEMO_PASSWORD),
      );
      recordAttack('password spraying past the global failure budget (6 here)', {
        tried: 10,
        outcome: `a guess ${guess.result} after ${guess.seconds.toFixed(1)} s; the right password from a new address ${newDevice.result} after ${newDevice.seconds.toFixed(1)} s (tRPC ${newDeviceTrpc.result} after ${newDeviceTrpc.seconds.toFixed(1)} s); the owner's usual address ${usual.result} after ${usual.seconds.toFixed(1)} s`,
      });
      expect(guess.result).toBe(400);
      expect(guess.seconds).toBeGreaterThanOrEqual(delaySeconds);
      expect(newDevice.result).toBe(200);
      expect(newDevice.seconds).toBeGreaterThanOrEqual(delaySeconds);
      expect(newDeviceTrpc.result).toBe('OK');
      expect(newDeviceTrpc.seconds).toBeGreaterThanOrEqual(delaySeconds);
      expect(usual.result).toBe(200);
      expect(usual.seconds).toBeLessThan(delaySeconds);
    } finally {
      h.ctx.config = { ...h.ctx.config, signInLimits: limits };
    }
  });
});
