import { afterAll, beforeAll, expect } from 'vitest';

import {
  startApiTestHarness,
  type ApiTestHarness,
  type SignedIn,
} from '../support/api-test-harness';
import { recordAttack, Tally } from './attack-log';
import { demoIds, exchange, grantToken, type DemoIds } from './attack-fixtures';
import { attackerKeys, b64url, splitToken, type Json, type SigningPrivateKey } from './token-forge';

export interface JwtTarget {
  h: ApiTestHarness;
  ids: DemoIds;
  owner: SignedIn;
  downtownAdmin: SignedIn;
  riversideAdmin: SignedIn;
  attacker: Awaited<ReturnType<typeof attackerKeys>>;
  ourKid: string;
}

/** A harness, three operators who grant real tokens to forge from, and an attacker's key. */
export function useJwtTarget(): JwtTarget {
  const target = {} as JwtTarget;
  beforeAll(async () => {
    const h = await startApiTestHarness();
    Object.assign(target, {
      h,
      ids: await demoIds(h),
      owner: await h.signIn('owner@hotdesk.test'),
      downtownAdmin: await h.signIn('admin@downtown.hotdesk.test'),
      riversideAdmin: await h.signIn('admin@riverside.hotdesk.test'),
      attacker: await attackerKeys(),
      ourKid: h.keys.signingKeyId,
    });
  }, 120_000);
  afterAll(async () => {
    await target.h?.close();
  });
  return target;
}

export const nowSeconds = (t: JwtTarget) => Math.floor(t.h.ctx.now().getTime() / 1000);

/** A live grant: its token, and its decoded header and payload to forge from. */
export async function liveGrant(
  t: JwtTarget,
  operator: SignedIn = t.owner,
  coworkerId = t.ids.bob,
) {
  const token = await grantToken(t.h, operator, coworkerId);
  const { header, payload, signature } = splitToken(token);
  return { token, header, payload, signature };
}

/**
 * Sends every forgery, records the campaign, expects 401 for each, then the original exactly
 * once: proof that the refusals were verification failures and not a spent grant.
 */
export async function campaign(
  t: JwtTarget,
  attack: string,
  original: string,
  forgeries: Array<[string, string]>,
) {
  const tally = new Tally();
  const accepted: string[] = [];
  for (const [label, forged] of forgeries) {
    // Encodings that leave this token's characters unchanged are not forgeries of it.
    if (forged === original) continue;
    const answer = await exchange(t.h, forged);
    tally.add(answer.status);
    if (answer.status !== 401) accepted.push(`${label} → ${answer.status}`);
  }
  const first = await exchange(t.h, original);
  const second = await exchange(t.h, original);
  recordAttack(attack, {
    tried: tally.tried,
    outcome: `${tally.summary()}; original then ${first.status}, ${second.status}`,
  });
  expect(accepted, 'forgeries that were not refused with 401').toEqual([]);
  expect(first.status, 'the untouched original still works').toBe(200);
  expect(second.status, 'and only once').toBe(401);
}

export async function signEs256(
  privateKey: SigningPrivateKey,
  header: Json,
  payload: Json,
): Promise<string> {
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    privateKey,
    new TextEncoder().encode(input),
  );
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}
