import { DEMO_PASSWORD } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dispatchRestRequest } from '../../src/rest/rest-router';
import {
  startApiTestHarness,
  type ApiTestHarness,
  type SignedIn,
} from '../support/api-test-harness';
import { recordAttack, Tally } from './attack-log';
import { demoIds, grantToken, type DemoIds } from './attack-fixtures';

/**
 * The abuse limits under bursts: attempts are reserved before they are tried, so N concurrent
 * guesses never get more than the limit through; a lockout is per address or per account,
 * never global; and a good token refused while locked out is not spent.
 */

const exchangeLimit = 5;
const grantLimit = 3;

let h: ApiTestHarness;
let ids: DemoIds;
let owner: SignedIn;

beforeAll(async () => {
  h = await startApiTestHarness({
    exchangeFailuresPerIp: { limit: exchangeLimit, windowMinutes: 15 },
    grantsPerActor: { limit: grantLimit, windowMinutes: 60 },
  });
  ids = await demoIds(h);
  owner = await h.signIn('owner@hotdesk.test');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** One exchange from a given client address (the harness's own is fixed). */
async function exchangeFrom(ip: string, token: string) {
  const url = new URL('http://portal.test/api/sys/users/exchange');
  url.searchParams.set('token', token);
  url.searchParams.set('validForInMinutes', '5');
  const response = await dispatchRestRequest(
    { ...h.ctx, request: { ip, userAgent: 'attacker' } },
    new Request(url, { method: 'POST' }),
  );
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

describe('bursts against the limits', () => {
  it('30 concurrent bad exchanges from one address: at most the limit are even tried', async () => {
    const token = await grantToken(h, owner, ids.bob);
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => exchangeFrom('198.51.100.1', `guess-${i}.x.y`)),
    );
    const tally = new Tally();
    for (const answer of burst) tally.add(answer.status);
    const lockedOut = await exchangeFrom('198.51.100.1', token);
    const elsewhere = await exchangeFrom('198.51.100.2', token);
    recordAttack(`30 concurrent bad exchanges from one address (limit ${exchangeLimit})`, {
      tried: 32,
      outcome: `${tally.summary()}; then the good token from there ${lockedOut.status}, from another address ${elsewhere.status}`,
    });
    expect(tally.count(401)).toBeLessThanOrEqual(exchangeLimit);
    expect(tally.count(401) + tally.count(429)).toBe(30);
    expect(burst.filter((a) => a.status === 429).every((a) => Number(a.retryAfter) > 0)).toBe(true);
    expect(lockedOut.status).toBe(429);
    // Not a global denial of service, and the refused good token was not spent.
    expect(elsewhere.status).toBe(200);
  });

  it('10 concurrent grants by one operator: at most the limit succeed, and other operators are unaffected', async () => {
    const operator = await h.signIn('admin@downtown.hotdesk.test');
    const burst = await Promise.all(
      Array.from({ length: 10 }, () =>
        h.rest('GET', '/api/sys/users/impersonate', {
          bearer: operator.accessToken,
          query: { coworkerId: ids.bob },
        }),
      ),
    );
    const tally = new Tally();
    for (const answer of burst) tally.add(answer.status);
    const other = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: (await h.signIn('admin@riverside.hotdesk.test')).accessToken,
      query: { coworkerId: ids.erin },
    });
    recordAttack(`10 concurrent grants by one operator (limit ${grantLimit}/hour)`, {
      tried: 11,
      outcome: `${tally.summary()}; another operator then ${other.status}`,
    });
    expect(tally.count(200)).toBeLessThanOrEqual(grantLimit);
    expect(tally.count(200) + tally.count(429)).toBe(10);
    expect(other.status).toBe(200);
  });

  it('20 concurrent wrong passwords for one account from one address: at most 5 are checked, then even the right one waits there', async () => {
    const form = (password: string) => ({
      grant_type: 'password',
      username: 'carol@example.com',
      password,
    });
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.rest('POST', '/api/token', { form: form(`wrong-${i}`) }),
      ),
    );
    const tally = new Tally();
    for (const answer of burst) tally.add(`${answer.status} ${String(answer.json?.error)}`);
    const right = await h.rest('POST', '/api/token', { form: form(DEMO_PASSWORD) });
    const otherAccount = await h.rest('POST', '/api/token', {
      form: { grant_type: 'password', username: 'bob@example.com', password: DEMO_PASSWORD },
    });
    recordAttack('20 concurrent wrong passwords for one account from one address (limit 5)', {
      tried: 22,
      outcome: `${tally.summary()}; then the right password ${right.status}, another account ${otherAccount.status}`,
    });
    expect(burst.filter((a) => a.status === 400).length).toBeLessThanOrEqual(
      h.ctx.config.signInLimits.perAccountAndIp,
    );
    expect(right.status).toBe(429);
    expect(right.json?.access_token).toBeUndefined();
    expect(otherAccount.status).toBe(200);
  });
});
