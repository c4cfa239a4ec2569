import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { portalRouter } from '../portal';
import { type Actor } from '../sessions/actor';
import {
  startApiTestHarness,
  type ApiTestHarness,
  type SignedIn,
} from '../../test/support/api-test-harness';
import { jtiOf } from '../../test/support/impersonation-flow';
import { trpcCode, trpcTestContext } from '../../test/support/trpc-test-context';

let h: ApiTestHarness;
let bob: number;
let owner: SignedIn;
let alice: SignedIn;
let carol: SignedIn;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
  owner = await h.signIn('owner@hotdesk.test');
  alice = await h.signIn('alice@example.com');
  carol = await h.signIn('carol@example.com');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** The portal as a browser holding `actor` (from whichever cookie) and its own session cookie. */
const browser = (actor: Actor | null, sessionCookie: string | null = null) =>
  portalRouter.createCaller(trpcTestContext(h, 'portal', actor, { sessionCookie }).ctx);
const noSession = () => browser(null);

async function grant(kind: 'operator' | 'team-admin', reason = 'Checking the invoice') {
  const response =
    kind === 'operator'
      ? await h.rest('GET', '/api/sys/users/impersonate', {
          bearer: owner.accessToken,
          query: { coworkerId: bob, reason },
        })
      : await h.rest('GET', `/api/public/coworkers/${bob}/impersonate`, {
          bearer: alice.accessToken,
          query: { reason },
        });
  expect(response.status, response.text).toBe(200);
  return String(response.json?.token);
}

const pending = async (token: string) =>
  (await h.db.impersonation.findUniqueOrThrow({ where: { id: jtiOf(token) } })).exchangedAt ===
  null;

describe('impersonation.preview', () => {
  it('says who will be viewed, by whom and how, without spending the token', async () => {
    const token = await grant('operator');
    const preview = await noSession().impersonation.preview({ token });
    expect(preview).toMatchObject({
      status: 'ready',
      kind: 'OPERATOR',
      mode: 'READ_ONLY',
      reason: 'Checking the invoice',
      actorName: 'Olivia Owner',
      targetName: 'Bob Brown',
      locationName: 'Downtown Hub',
      confirmationRequired: false,
    });
    expect(await pending(token)).toBe(true);
    expect((await noSession().impersonation.exchange({ token })).targetCoworkerId).toBe(bob);
  });

  it('asks for a click when the browser already holds someone’s portal session', async () => {
    const token = await grant('operator');
    expect(await browser(carol.actor).impersonation.preview({ token })).toMatchObject({
      status: 'ready',
      confirmationRequired: true,
    });
    // Only the cookie underneath a view counts as well.
    const viewing = await h.actorOf(
      String(
        (
          await h.rest('POST', '/api/sys/users/exchange', {
            query: { token: await grant('operator'), validForInMinutes: 5 },
          })
        ).json?.token,
      ),
    );
    expect(await browser(viewing).impersonation.preview({ token })).toMatchObject({
      confirmationRequired: true,
    });
    expect(await pending(token)).toBe(true);
  });

  it('refuses a used, revoked, expired or forged token like the exchange does', async () => {
    const used = await grant('operator');
    await noSession().impersonation.exchange({ token: used });
    const revoked = await grant('operator');
    await h.db.impersonation.update({
      where: { id: jtiOf(revoked) },
      data: { endedAt: new Date(), endedReason: 'REVOKED' },
    });
    const [header, payload] = (await grant('operator')).split('.');
    const forged = `${header}.${payload}.${'A'.repeat(86)}`;
    for (const token of [used, revoked, forged, 'not-a-token']) {
      expect(await trpcCode(noSession().impersonation.preview({ token }))).toBe('UNAUTHORIZED');
    }
    const expiring = await grant('operator');
    h.advanceClock(2 * 60_000);
    try {
      expect(await trpcCode(noSession().impersonation.preview({ token: expiring }))).toBe(
        'UNAUTHORIZED',
      );
    } finally {
      h.advanceClock(-2 * 60_000);
    }
  });

  it('describes a team administrator’s link only to her own session, and goes straight through there', async () => {
    const token = await grant('team-admin');
    expect(await browser(alice.actor).impersonation.preview({ token })).toMatchObject({
      status: 'ready',
      kind: 'TEAM_ADMIN',
      actorName: 'Alice Anderson',
      confirmationRequired: false,
    });
    for (const other of [browser(carol.actor), noSession()]) {
      expect(await other.impersonation.preview({ token })).toEqual({ status: 'other-browser' });
    }
  });
});

describe('the tRPC exchange of a team administrator’s link', () => {
  it('is refused in a browser that does not hold her session, and the link still works for her', async () => {
    const token = await grant('team-admin');
    const elsewhereAlice = await h.signIn('alice@example.com');
    for (const other of [browser(carol.actor), noSession(), browser(elsewhereAlice.actor)]) {
      expect(await trpcCode(other.impersonation.exchange({ token }))).toBe('UNAUTHORIZED');
    }
    expect(await pending(token)).toBe(true);
    expect(
      await h.db.auditEvent.count({
        where: { type: 'IMPERSONATION_EXCHANGE_DENIED', impersonationId: jtiOf(token) },
      }),
    ).toBe(3);
    const { ctx, cookies } = trpcTestContext(h, 'portal', null, {
      sessionCookie: alice.accessToken,
    });
    expect(
      (await portalRouter.createCaller(ctx).impersonation.exchange({ token })).targetCoworkerId,
    ).toBe(bob);
    expect(cookies.some((cookie) => cookie.startsWith('hotdesk_portal_impersonation=hds_'))).toBe(
      true,
    );
  });

  it('stays bearerless over REST, as the contract says', async () => {
    const token = await grant('team-admin');
    const exchange = await h.rest('POST', '/api/sys/users/exchange', {
      query: { token, validForInMinutes: 5 },
    });
    expect(exchange.status).toBe(200);
  });
});
