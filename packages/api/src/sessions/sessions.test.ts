import { DEMO_PASSWORD } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../admin';
import { portalRouter } from '../portal';
import {
  startApiTestHarness,
  type ApiTestHarness,
  type SignedIn,
} from '../../test/support/api-test-harness';
import { impersonateViaRest, jtiOf } from '../../test/support/impersonation-flow';
import { trpcTestContext } from '../../test/support/trpc-test-context';

let h: ApiTestHarness;
let bob: number;
let carol: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
  carol = await h.coworkerIdOf('carol@example.com');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const profiles = (bearer?: string) =>
  h.rest('GET', '/api/public/coworkers/profiles', bearer === undefined ? {} : { bearer });

const tokenGrant = (form: Record<string, string>) => h.rest('POST', '/api/token', { form });

/** Signs out the way the portal's own "Sign out" does: the tRPC procedure. */
async function signOut(session: SignedIn | string) {
  const actor = typeof session === 'string' ? await h.actorOf(session) : session.actor;
  const { ctx } = trpcTestContext(h, 'portal', actor);
  await portalRouter.createCaller(ctx).session.signOut();
}

describe('bearer lookup on the REST contract', () => {
  it('answers 401 with WWW-Authenticate when there is no bearer', async () => {
    const response = await profiles();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it.each([
    ['garbage', 'garbage'],
    ['a well-formed token nobody issued', `hds_${'A'.repeat(43)}`],
    ['an overlong token', 'x'.repeat(5_000)],
  ])('answers 401 for %s', async (_case, bearer) => {
    expect((await profiles(bearer)).status).toBe(401);
  });

  it('answers 401 for a refresh token presented as a bearer, and for a non-Bearer scheme', async () => {
    const session = await h.signIn('alice@example.com');
    expect((await profiles(session.refreshToken)).status).toBe(401);
    const basic = await h.rest('GET', '/api/public/coworkers/profiles', {
      headers: { Authorization: `Basic ${session.accessToken}` },
    });
    expect(basic.status).toBe(401);
  });

  it('answers 401 once the access token has expired, and the refresh token brings a working one', async () => {
    const grant = await tokenGrant({
      grant_type: 'password',
      username: 'alice@example.com',
      password: DEMO_PASSWORD,
    });
    const accessToken = String(grant.json?.access_token);
    const later = Number(grant.json?.expires_in) * 1000 + 60_000;
    h.advanceClock(later);
    try {
      expect((await profiles(accessToken)).status).toBe(401);
      const refreshed = await tokenGrant({
        grant_type: 'refresh_token',
        refresh_token: String(grant.json?.refresh_token),
        client_id: 'alice@example.com',
      });
      expect(refreshed.status).toBe(200);
      expect((await profiles(String(refreshed.json?.access_token))).status).toBe(200);
    } finally {
      h.advanceClock(-later);
    }
  });

  it('answers 401 for a member whose account was suspended after signing in', async () => {
    const frank = await h.signIn('frank@example.com');
    expect((await profiles(frank.accessToken)).status).toBe(200);
    await h.db.user.update({ where: { email: 'frank@example.com' }, data: { active: false } });
    try {
      expect((await profiles(frank.accessToken)).status).toBe(401);
    } finally {
      await h.db.user.update({ where: { email: 'frank@example.com' }, data: { active: true } });
    }
  });

  it('does not accept an admin-app (cookie) session on the REST contract', async () => {
    const operator = await h.signIn('admin@downtown.hotdesk.test', 'ADMIN');
    expect((await profiles(operator.accessToken)).status).toBe(401);
    const grant = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: operator.accessToken,
      query: { coworkerId: bob },
    });
    expect(grant.status).toBe(401);
  });

  it('does not authenticate by cookie, only by the Authorization header', async () => {
    const alice = await h.signIn('alice@example.com');
    const response = await h.rest('GET', '/api/public/coworkers/profiles', {
      headers: { Cookie: `hotdesk_portal_session=${alice.accessToken}` },
    });
    expect(response.status).toBe(401);
  });
});

describe('sign-out', () => {
  it('revokes the session at once: bearer and refresh token both stop working', async () => {
    const grant = await tokenGrant({
      grant_type: 'password',
      username: 'carol@example.com',
      password: DEMO_PASSWORD,
    });
    const accessToken = String(grant.json?.access_token);
    expect((await profiles(accessToken)).status).toBe(200);

    await signOut(accessToken);

    expect((await profiles(accessToken)).status).toBe(401);
    const refreshed = await tokenGrant({
      grant_type: 'refresh_token',
      refresh_token: String(grant.json?.refresh_token),
    });
    expect(refreshed.status).toBe(400);
    expect(refreshed.json?.error).toBe('invalid_grant');
  });

  it('leaves the member’s other sessions alone', async () => {
    const phone = await h.signIn('carol@example.com');
    const laptop = await h.signIn('carol@example.com');
    await signOut(phone);
    expect((await profiles(phone.accessToken)).status).toBe(401);
    expect((await profiles(laptop.accessToken)).status).toBe(200);
  });

  it('of an operator ends the impersonations started from that session, live or not yet exchanged', async () => {
    const owner = await h.signIn('owner@hotdesk.test');
    const live = await impersonateViaRest(h, owner, bob);
    const pendingGrant = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: owner.accessToken,
      query: { coworkerId: carol },
    });
    expect(pendingGrant.status).toBe(200);
    const pendingToken = String(pendingGrant.json?.token);
    expect((await profiles(live.accessToken)).status).toBe(200);

    await signOut(owner);

    expect((await profiles(live.accessToken)).status).toBe(401);
    const exchange = await h.rest('POST', '/api/sys/users/exchange', {
      query: { token: pendingToken, validForInMinutes: 30 },
    });
    expect(exchange.status).toBe(401);
    const rows = await h.db.impersonation.findMany({
      where: { id: { in: [live.impersonationId, jtiOf(pendingToken)] } },
      select: {
        id: true,
        endedAt: true,
        endedReason: true,
        session: { select: { revokedAt: true } },
      },
    });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.endedAt).not.toBeNull();
      expect(row.endedReason).toBe('ACTOR_SESSION_ENDED');
    }
    const liveRow = rows.find((row) => row.id === live.impersonationId);
    expect(liveRow?.session?.revokedAt).not.toBeNull();
  });

  it('of the admin app ends the impersonations its operator started there', async () => {
    const operatorSession = await h.signIn('admin@downtown.hotdesk.test', 'ADMIN');
    const { ctx } = trpcTestContext(h, 'admin', operatorSession.actor);
    const admin = adminRouter.createCaller(ctx);
    const grant = await admin.impersonation.start({ coworkerId: bob, reason: 'Ticket 5' });
    const exchange = await h.rest('POST', '/api/sys/users/exchange', {
      query: { token: grant.token, validForInMinutes: 30 },
    });
    const bearer = String(exchange.json?.token);
    expect((await profiles(bearer)).status).toBe(200);

    await admin.session.signOut();

    expect((await profiles(bearer)).status).toBe(401);
    const row = await h.db.impersonation.findUniqueOrThrow({
      where: { id: grant.impersonationId },
    });
    expect(row.endedReason).toBe('ACTOR_SESSION_ENDED');
  });

  it('of a team administrator ends their impersonation of a team member', async () => {
    const alice = await h.signIn('alice@example.com');
    const viewing = await impersonateViaRest(h, alice, bob, { kind: 'team-admin' });
    await signOut(alice);
    expect((await profiles(viewing.accessToken)).status).toBe(401);
    const row = await h.db.impersonation.findUniqueOrThrow({
      where: { id: viewing.impersonationId },
    });
    expect(row.endedReason).toBe('ACTOR_SESSION_ENDED');
  });

  it('of an impersonated session is an exit that leaves the operator signed in', async () => {
    const owner = await h.signIn('owner@hotdesk.test');
    const viewing = await impersonateViaRest(h, owner, bob);
    await signOut(viewing.accessToken);
    expect((await profiles(viewing.accessToken)).status).toBe(401);
    expect((await profiles(owner.accessToken)).status).toBe(200);
    const row = await h.db.impersonation.findUniqueOrThrow({
      where: { id: viewing.impersonationId },
    });
    expect(row.endedReason).toBe('EXITED');
  });

  it('an impersonation whose operator session is revoked elsewhere dies on its next request', async () => {
    const owner = await h.signIn('owner@hotdesk.test');
    const viewing = await impersonateViaRest(h, owner, bob);
    await h.db.session.update({
      where: { id: owner.sessionId },
      data: { revokedAt: new Date(), endedReason: 'REVOKED' },
    });
    expect((await profiles(viewing.accessToken)).status).toBe(401);
    const row = await h.db.impersonation.findUniqueOrThrow({
      where: { id: viewing.impersonationId },
    });
    expect(row.endedReason).toBe('ACTOR_SESSION_ENDED');
  });
});

describe('refreshing an impersonated session', () => {
  const refresh = (refreshToken: string) =>
    tokenGrant({ grant_type: 'refresh_token', refresh_token: refreshToken });

  it('never moves its absolute expiry', async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob, {
      validForInMinutes: 30,
    });
    expect(viewing.expiresIn).toBeGreaterThan(29 * 60);
    expect(viewing.expiresIn).toBeLessThanOrEqual(30 * 60);
    const sessionBefore = await h.db.session.findFirstOrThrow({
      where: { impersonation: { id: viewing.impersonationId } },
    });

    const immediately = await refresh(viewing.refreshToken);
    expect(immediately.status).toBe(200);
    expect(Number(immediately.json?.expires_in)).toBeLessThanOrEqual(viewing.expiresIn);

    const tenMinutes = 10 * 60_000;
    const pastTheEnd = 21 * 60_000;
    h.advanceClock(tenMinutes);
    try {
      const later = await refresh(String(immediately.json?.refresh_token));
      expect(later.status).toBe(200);
      expect(Number(later.json?.expires_in)).toBeLessThanOrEqual(viewing.expiresIn - 600);
      const sessionAfter = await h.db.session.findUniqueOrThrow({
        where: { id: sessionBefore.id },
      });
      expect(sessionAfter.expiresAt).toEqual(sessionBefore.expiresAt);

      h.advanceClock(pastTheEnd);
      expect((await profiles(String(later.json?.access_token))).status).toBe(401);
      const tooLate = await refresh(String(later.json?.refresh_token));
      expect(tooLate.status).toBe(400);
      expect(tooLate.json?.error).toBe('invalid_grant');
    } finally {
      h.advanceClock(-(tenMinutes + pastTheEnd));
    }
  });

  it('is refused once the operator has signed out', async () => {
    const owner = await h.signIn('owner@hotdesk.test');
    const viewing = await impersonateViaRest(h, owner, bob);
    await signOut(owner);
    const refreshed = await refresh(viewing.refreshToken);
    expect(refreshed.status).toBe(400);
    expect(refreshed.json?.error).toBe('invalid_grant');
  });
});
