import { generateSigningJwk, loadKeySetFromJson } from '@hotdesk/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';

let h: ApiTestHarness;
let bob: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;

async function grant() {
  const owner = await h.signIn('owner@hotdesk.test');
  const response = await h.rest('GET', '/api/sys/users/impersonate', {
    bearer: owner.accessToken,
    query: { coworkerId: bob },
  });
  return String(response.json?.token);
}

const exchange = async (token: string) =>
  (await h.rest('POST', '/api/sys/users/exchange', { query: { token, validForInMinutes: 5 } }))
    .status;

/** The procedure of packages/auth/README.md, step by step, as HOTDESK_JWKS would change. */
describe('signing key rotation', () => {
  it('signs with the new key, still honours the old one, then refuses it once retired', async () => {
    const oldKey = await generateSigningJwk();
    const newKey = await generateSigningJwk();
    const deploy = async (keys: object[]) => {
      h.ctx.keys = await loadKeySetFromJson(JSON.stringify({ keys }));
    };

    await deploy([oldKey]);
    const beforeRotation = await grant();
    const inFlight = await grant();
    expect(kidOf(beforeRotation)).toBe(oldKey.kid);

    // Step 1: the new key goes first (it signs); the old one stays, verifying only.
    await deploy([newKey, oldKey]);
    expect(await exchange(beforeRotation)).toBe(200);
    const afterRotation = await grant();
    expect(kidOf(afterRotation)).toBe(newKey.kid);
    expect(h.ctx.keys.publicJwks().keys.map((k) => k.kid)).toEqual([newKey.kid, oldKey.kid]);

    // Step 2: once no token of the old key can still be alive, it is retired.
    await deploy([newKey, { ...oldKey, status: 'retired' }]);
    expect(await exchange(inFlight)).toBe(401);
    expect(await exchange(afterRotation)).toBe(200);
    expect(h.ctx.keys.publicJwks().keys.map((k) => k.kid)).toEqual([newKey.kid]);
  });
});
