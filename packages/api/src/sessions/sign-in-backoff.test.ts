import { DEMO_PASSWORD } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';

const limits = {
  perAccountAndIp: 3,
  perAccount: 1_000,
  perIp: 1_000,
  windowMinutes: 15,
  maxLockoutMinutes: 60,
  globalFailureBudget: 1_000_000,
  globalDelaySeconds: 0,
};
const wrongPassword = 'Wr0ng-but-Secret!pass';
const minute = 60_000;

let h: ApiTestHarness;

beforeAll(async () => {
  h = await startApiTestHarness({ signInLimits: limits });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

// Every test uses its own accounts and addresses, and the clock only moves forward, as a real
// one does: what one test locks out never reaches another.
const passwordGrant = (username: string, password: string, ip = '203.0.113.7') => {
  h.ctx.request = { ip, userAgent: 'hotdesk-tests' };
  return h.rest('POST', '/api/token', {
    form: { grant_type: 'password', username, password },
  });
};

async function failTimes(username: string, times: number, ip?: string) {
  for (let i = 0; i < times; i++) {
    const response = await passwordGrant(username, wrongPassword, ip);
    expect(response.json?.error).toBe('invalid_grant');
  }
}

/** Locks `username` out and returns how long the 429 says to wait, in minutes. */
async function lockOut(username: string): Promise<number> {
  await failTimes(username, limits.perAccountAndIp);
  return retryAfterMinutes(await passwordGrant(username, DEMO_PASSWORD));
}

function retryAfterMinutes(response: Awaited<ReturnType<typeof passwordGrant>>): number {
  expect(response.status).toBe(429);
  expect(response.json?.error).toBe('too_many_requests');
  return Number(response.headers.get('retry-after')) / 60;
}

/** Waits out the lockout just announced (the clock is the services' own). */
function waitMinutes(minutes: number) {
  h.advanceClock(minutes * minute + 1_000);
}

// The failures of one lockout take a few real seconds: a lockout of N minutes announces a
// Retry-After a little under N minutes, never more.
function expectAbout(retryAfter: number, minutes: number) {
  expect(retryAfter).toBeLessThanOrEqual(minutes);
  expect(retryAfter).toBeGreaterThan(minutes - 1);
}

describe('sign-in lockout backoff', () => {
  it('doubles each lockout of an account that follows another within 24 hours, up to the cap', async () => {
    const first = await lockOut('erin@example.com');
    expectAbout(first, 15);
    waitMinutes(first);

    const second = await lockOut('erin@example.com');
    expectAbout(second, 30);
    waitMinutes(second);

    const third = await lockOut('erin@example.com');
    expectAbout(third, 60);
    waitMinutes(third);

    // 120 minutes uncapped.
    const fourth = await lockOut('erin@example.com');
    expectAbout(fourth, limits.maxLockoutMinutes);

    // Not even the right password gets in before the longer lockout ends.
    waitMinutes(30);
    expect((await passwordGrant('erin@example.com', DEMO_PASSWORD)).status).toBe(429);
    waitMinutes(fourth - 30);
    expect((await passwordGrant('erin@example.com', DEMO_PASSWORD)).status).toBe(200);
  });

  it('starts again from the base lockout after a successful sign-in', async () => {
    waitMinutes(await lockOut('carol@example.com'));
    const second = await lockOut('carol@example.com');
    expectAbout(second, 30);
    waitMinutes(second);

    expect((await passwordGrant('carol@example.com', DEMO_PASSWORD)).status).toBe(200);
    expectAbout(await lockOut('carol@example.com'), 15);
  });

  it('counts a lockout once when concurrent attempts all find it over', async () => {
    waitMinutes(await lockOut('racer@example.com'));
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => passwordGrant('racer@example.com', wrongPassword)),
    );
    const statuses = burst.map((response) => response.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(limits.perAccountAndIp);
    expectAbout(retryAfterMinutes(await passwordGrant('racer@example.com', DEMO_PASSWORD)), 30);
  });

  it('forgets a lockout that ended more than 24 hours ago', async () => {
    waitMinutes(await lockOut('ghost-1@example.com'));
    waitMinutes(24 * 60);
    expectAbout(await lockOut('ghost-1@example.com'), 15);
  });

  it('escalates the per-address limit too, and a good sign-in from there does not reset it', async () => {
    const ip = '198.51.100.40';
    const lockOutAddress = async (round: string) => {
      // One failure per account: only the address reaches its limit.
      for (let i = 0; i < 3; i++) await failTimes(`ip-${round}-${i}@example.com`, 1, ip);
      return retryAfterMinutes(await passwordGrant('bob@example.com', DEMO_PASSWORD, ip));
    };
    h.ctx.config = { ...h.ctx.config, signInLimits: { ...limits, perIp: 3 } };
    try {
      const first = await lockOutAddress('a');
      expectAbout(first, 15);
      waitMinutes(first);

      expect((await passwordGrant('bob@example.com', DEMO_PASSWORD, ip)).status).toBe(200);
      expectAbout(await lockOutAddress('b'), 30);
      // Another address is not affected.
      expect((await passwordGrant('bob@example.com', DEMO_PASSWORD, '198.51.100.41')).status).toBe(
        200,
      );
    } finally {
      h.ctx.config = { ...h.ctx.config, signInLimits: limits };
    }
  });
});
