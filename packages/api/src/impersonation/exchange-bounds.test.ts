import { MAX_IMPERSONATION_TOKEN_LENGTH } from '@hotdesk/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { portalRouter } from '../portal';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { trpcCode, trpcTestContext } from '../../test/support/trpc-test-context';

/*
 * The exchange takes the same token and the same minutes over REST and tRPC (one schema each,
 * impersonation-contract.ts): a request for more than the cap is capped, never refused, and a
 * token that does not verify is refused as a bad token whatever its size.
 */

let h: ApiTestHarness;
let bob: number;
let ownerBearer: string;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
  ownerBearer = (await h.signIn('owner@hotdesk.test')).accessToken;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function freshToken(): Promise<string> {
  const grant = await h.rest('GET', '/api/sys/users/impersonate', {
    bearer: ownerBearer,
    query: { coworkerId: bob },
  });
  expect(grant.status).toBe(200);
  return String(grant.json?.token);
}

const overRest = (token: string | undefined, validForInMinutes: string) =>
  h.rest('POST', '/api/sys/users/exchange', {
    query: { ...(token === undefined ? {} : { token }), validForInMinutes },
  });

const portal = () => portalRouter.createCaller(trpcTestContext(h, 'portal', null).ctx);

describe('validForInMinutes, over REST and tRPC alike', () => {
  it.each([1, 59, 60, 61, 1440, 1441, 10 ** 9, Number.MAX_SAFE_INTEGER, 2 ** 80, 1e300])(
    '%s minutes: a session of at most the cap',
    async (minutes) => {
      const cap = h.ctx.config.impersonationMaxMinutes;
      const rest = await overRest(await freshToken(), BigInt(minutes).toString());
      expect(rest.status, rest.text).toBe(200);
      expect(rest.json?.expires_in).toBe(Math.min(minutes, cap) * 60);

      const now = h.ctx.now().getTime();
      const { expiresAt } = await portal().impersonation.exchange({
        token: await freshToken(),
        validForMinutes: minutes,
      });
      expect(Math.round((expiresAt.getTime() - now) / 60_000)).toBe(Math.min(minutes, cap));
    },
  );

  it.each([0, -1, 1.5])('%s: refused as not a positive integer', async (minutes) => {
    const rest = await overRest('a.b.c', String(minutes));
    expect(rest.status).toBe(400);
    expect(rest.json?.field).toBe('validForInMinutes');
    const trpc = await trpcCode(
      portal().impersonation.exchange({ token: 'a.b.c', validForMinutes: minutes }),
    );
    expect(trpc).toBe('BAD_REQUEST');
  });

  it('a request beyond what a double holds is still a positive integer over REST', async () => {
    const rest = await overRest(await freshToken(), '9'.repeat(400));
    expect(rest.status, rest.text).toBe(200);
    expect(rest.json?.expires_in).toBe(h.ctx.config.impersonationMaxMinutes * 60);
  });
});

describe('the one-time token, over REST and tRPC alike', () => {
  it.each([
    ['garbage', 'a.b.c'],
    ['one character past the verifier’s limit', 'a'.repeat(MAX_IMPERSONATION_TOKEN_LENGTH + 1)],
    ['a real token with a tail past the limit', null],
  ])('%s: refused as a token that does not verify', async (_name, given) => {
    const token = given ?? (await freshToken()).padEnd(MAX_IMPERSONATION_TOKEN_LENGTH + 1, 'A');
    expect((await overRest(token, '5')).status).toBe(401);
    expect(await trpcCode(portal().impersonation.exchange({ token }))).toBe('UNAUTHORIZED');
    expect(await trpcCode(portal().impersonation.preview({ token }))).toBe('UNAUTHORIZED');
  });

  it('missing or empty: refused as missing', async () => {
    for (const token of [undefined, '']) {
      const rest = await overRest(token, '5');
      expect(rest.status).toBe(400);
      expect(rest.json?.field).toBe('token');
    }
    expect(await trpcCode(portal().impersonation.exchange({ token: '' }))).toBe('BAD_REQUEST');
  });
});
