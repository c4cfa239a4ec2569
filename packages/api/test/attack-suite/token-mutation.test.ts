import { TokenVerificationError, verifyImpersonationToken } from '@hotdesk/auth';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startApiTestHarness,
  type ApiTestHarness,
  type SignedIn,
} from '../support/api-test-harness';
import { recordAttack, Tally } from './attack-log';
import { demoIds, exchange, grantToken, type DemoIds } from './attack-fixtures';
import {
  base64urlAlphabet,
  mutateJws,
  mutateOpaque,
  opaqueMutation,
  tokenMutation,
} from './token-mutations';
import { send } from './rest-probe';

/**
 * Random mutations of valid credentials never verify. After every campaign the untouched
 * original still works exactly once: the refusals came from verification, not from the
 * grant having been spent by a mutant.
 */

let h: ApiTestHarness;
let ids: DemoIds;
let owner: SignedIn;
let downtownAdmin: SignedIn;

beforeAll(async () => {
  // The longest token life allowed: the campaign's 150 exchanges can take over a minute on a
  // busy machine, and the untouched original must still be fresh at the end.
  h = await startApiTestHarness({ impersonationTokenSeconds: 300 });
  ids = await demoIds(h);
  owner = await h.signIn('owner@hotdesk.test');
  downtownAdmin = await h.signIn('admin@downtown.hotdesk.test');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function expectWorksExactlyOnce(token: string) {
  expect((await exchange(h, token)).status, 'the original still works').toBe(200);
  expect((await exchange(h, token)).status, 'and only once').toBe(401);
}

describe('one-time impersonation token mutations', () => {
  it('flips, insertions, deletions, re-encoded claims and headers, swapped segments: 401 every time', async () => {
    const token = await grantToken(h, owner, ids.bob);
    const donor = await grantToken(h, downtownAdmin, ids.carolDowntown);
    const tally = new Tally();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(tokenMutation, { minLength: 1, maxLength: 3 }),
          async (mutations) => {
            const mutant = mutations.reduce(
              (current, mutation) => mutateJws(current, mutation, donor),
              token,
            );
            fc.pre(mutant !== token && mutant.length > 0);
            const answer = await exchange(h, mutant);
            tally.add(answer.status);
            expect(answer.status, `${JSON.stringify(mutations)} → ${answer.text}`).toBe(401);
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      recordAttack(
        'random mutations of a fresh one-time token (header, payload, signature, claims)',
        tally,
      );
    }
    await expectWorksExactlyOnce(token);
    await expectWorksExactlyOnce(donor);
  });

  it('the verifier itself refuses thousands of random mutations (no database, many more runs)', async () => {
    const token = await grantToken(h, owner, ids.bob);
    const donor = await grantToken(h, downtownAdmin, ids.carolDowntown);
    const tally = new Tally();
    const options = {
      issuer: h.ctx.config.issuer,
      audience: h.ctx.config.exchangeAudience,
      now: h.ctx.now(),
    };
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(tokenMutation, { minLength: 1, maxLength: 3 }),
          async (mutations) => {
            const mutant = mutations.reduce(
              (current, mutation) => mutateJws(current, mutation, donor),
              token,
            );
            // Swapping every segment that differs from the donor just yields the donor: a real token.
            fc.pre(mutant !== token && mutant !== donor);
            const verified = await verifyImpersonationToken(h.keys, mutant, options).then(
              () => true,
              (error: unknown) => {
                if (error instanceof TokenVerificationError) return false;
                throw error;
              },
            );
            tally.add(verified ? 'verified' : 'refused');
            expect(verified, `${JSON.stringify(mutations)} still verifies`).toBe(false);
          },
        ),
        { numRuns: 3_000 },
      );
    } finally {
      recordAttack('random token mutations against the verifier alone', tally);
    }
  });

  it('segments swapped between two valid tokens: 401, and both originals still work once', async () => {
    const a = await grantToken(h, owner, ids.bob);
    const b = await grantToken(h, downtownAdmin, ids.carolDowntown);
    const [ah, ap, as] = a.split('.') as [string, string, string];
    const [bh, bp, bs] = b.split('.') as [string, string, string];
    const tally = new Tally();
    const hybrids = new Set<string>();
    for (const header of [ah, bh])
      for (const payload of [ap, bp])
        for (const signature of [as, bs]) hybrids.add(`${header}.${payload}.${signature}`);
    hybrids.delete(a);
    hybrids.delete(b);
    hybrids.add(`${ah}.${ap}.${as}${bs}`);
    hybrids.add(`${ah}.${ap}${bp}.${as}`);
    hybrids.add(`${a}.${b}`);
    hybrids.add(`${ah}.${bp}.${as}.${bs}`);
    for (const hybrid of hybrids) tally.add((await exchange(h, hybrid)).status);
    recordAttack('segments swapped between two valid tokens', tally);
    expect(tally.count(401)).toBe(tally.tried);
    await expectWorksExactlyOnce(a);
    await expectWorksExactlyOnce(b);
  });

  it('no other spelling of the signature verifies (non-canonical base64url of its last character)', async () => {
    const token = await grantToken(h, owner, ids.bob);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const variants = [...base64urlAlphabet]
      .filter((char) => char !== signature.at(-1))
      .map((char) => `${header}.${payload}.${signature.slice(0, -1)}${char}`);
    const verifying: string[] = [];
    for (const variant of variants) {
      try {
        await verifyImpersonationToken(h.keys, variant, {
          issuer: h.ctx.config.issuer,
          audience: h.ctx.config.exchangeAudience,
          now: h.ctx.now(),
        });
        verifying.push(variant);
      } catch (error) {
        if (!(error instanceof TokenVerificationError)) throw error;
      }
    }
    // Through the endpoint: the first variant that verifies (else any variant), then the original.
    const variantAnswer = await exchange(h, verifying[0] ?? variants[0]!);
    const originalAnswer = await exchange(h, token);
    recordAttack('signature re-spelled in its last base64url character (63 variants)', {
      tried: variants.length + 2,
      outcome:
        `${verifying.length} of ${variants.length} verify; exchange of a variant ${variantAnswer.status}, ` +
        `then the original ${originalAnswer.status}`,
    });
    expect(
      verifying.map((variant) => variant.slice(-3)),
      `these re-spelled signatures of …${signature.slice(-3)} verify: the same grant redeems under another token string`,
    ).toEqual([]);
    expect(variantAnswer.status).toBe(401);
    expect(originalAnswer.status).toBe(200);
  });
});

describe('opaque bearer and refresh token mutations', () => {
  it('a mutated access token never authenticates; the original still does', async () => {
    const member = await h.signIn('alice@example.com');
    const tally = new Tally();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(opaqueMutation, { minLength: 1, maxLength: 2 }),
          async (mutations) => {
            const mutant = mutations.reduce(mutateOpaque, member.accessToken);
            // Whitespace around the token is the header's, not the token's: not a mutation.
            fc.pre(mutant.trim() !== member.accessToken && mutant.trim().length > 0);
            const answer = await send(h, {
              method: 'GET',
              target: '/api/public/coworkers/profiles',
              headers: [['Authorization', `Bearer ${mutant}`]],
            });
            // A header value outside Latin-1 cannot be sent by any HTTP client.
            fc.pre(answer !== null);
            tally.add(answer!.status);
            expect(answer!.status, JSON.stringify(mutations)).toBe(401);
          },
        ),
        { numRuns: 80 },
      );
    } finally {
      recordAttack('random mutations of a live opaque access token', tally);
    }
    const original = await h.rest('GET', '/api/public/coworkers/profiles', {
      bearer: member.accessToken,
    });
    expect(original.status).toBe(200);
  });

  it('a mutated refresh token never rotates; the original still rotates exactly once', async () => {
    const member = await h.signIn('carol@example.com');
    const refresh = (token: string) =>
      h.rest('POST', '/api/token', { form: { grant_type: 'refresh_token', refresh_token: token } });
    const tally = new Tally();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(opaqueMutation, { minLength: 1, maxLength: 2 }),
          async (mutations) => {
            const mutant = mutations.reduce(mutateOpaque, member.refreshToken);
            fc.pre(mutant !== member.refreshToken && mutant.length > 0);
            const answer = await refresh(mutant);
            tally.add(`${answer.status} ${String(answer.json?.error)}`);
            expect(answer.status, JSON.stringify(mutations)).toBe(400);
            expect(answer.json?.error).toBe('invalid_grant');
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      recordAttack('random mutations of a live refresh token', tally);
    }
    const rotated = await refresh(member.refreshToken);
    expect(rotated.status).toBe(200);
    // Presented again at once, as a second tab would, it only repeats that one rotation.
    const again = await refresh(member.refreshToken);
    expect(again.json?.refresh_token).toBe(rotated.json?.refresh_token);
  });
});
