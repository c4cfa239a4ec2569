import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../../src/admin';
import { portalRouter } from '../../src/portal';
import { type Actor } from '../../src/sessions/actor';
import { signOut } from '../../src/sessions/sign-out';
import {
  startApiTestHarness,
  type ApiTestHarness,
  type SignedIn,
} from '../support/api-test-harness';
import { jtiOf } from '../support/impersonation-flow';
import { trpcTestContext } from '../support/trpc-test-context';
import { recordAttack, Tally } from './attack-log';
import {
  demoIds,
  exchange,
  exchangeOk,
  grantToken,
  trpcCode,
  type DemoIds,
} from './attack-fixtures';

/** Replays, sequential and concurrent: every credential works once and dies when it should. */

let h: ApiTestHarness;
let ids: DemoIds;
let owner: SignedIn;

beforeAll(async () => {
  h = await startApiTestHarness();
  ids = await demoIds(h);
  owner = await h.signIn('owner@hotdesk.test');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const portal = (actor: Actor | null) =>
  portalRouter.createCaller(trpcTestContext(h, 'portal', actor).ctx);
const admin = (actor: Actor | null) =>
  adminRouter.createCaller(trpcTestContext(h, 'admin', actor).ctx);

const profiles = (bearer: string) => h.rest('GET', '/api/public/coworkers/profiles', { bearer });
const refresh = (refreshToken: string) =>
  h.rest('POST', '/api/token', {
    form: { grant_type: 'refresh_token', refresh_token: refreshToken },
  });

/** After the session ended: the token, the bearer and the refresh token are all dead. */
async function expectAllDead(
  token: string,
  session: { accessToken: string; refreshToken: string },
  tally: Tally,
) {
  const replay = await exchange(h, token);
  const bearer = await profiles(session.accessToken);
  const renewed = await refresh(session.refreshToken);
  tally.add(`token ${replay.status}`);
  tally.add(`bearer ${bearer.status}`);
  tally.add(`refresh ${renewed.status} ${String(renewed.json?.error)}`);
  expect(replay.status).toBe(401);
  expect(bearer.status).toBe(401);
  expect(renewed.json?.error).toBe('invalid_grant');
}

describe('concurrent replay of one token', () => {
  it('50 concurrent REST exchanges: exactly one 200, one session, one audit event', async () => {
    const token = await grantToken(h, owner, ids.bob);
    const answers = await Promise.all(Array.from({ length: 50 }, () => exchange(h, token)));
    const tally = new Tally();
    for (const answer of answers) tally.add(answer.status);
    recordAttack('50 concurrent exchanges of one token (REST)', tally);
    expect(tally.count(200)).toBe(1);
    expect(tally.count(401)).toBe(49);
    const id = jtiOf(token);
    expect(await h.db.session.count({ where: { impersonation: { id } } })).toBe(1);
    expect(
      await h.db.auditEvent.count({
        where: { impersonationId: id, type: 'IMPERSONATION_EXCHANGED' },
      }),
    ).toBe(1);
  });

  it('25 REST + 25 tRPC exchanges racing: exactly one wins across both doors', async () => {
    const token = await grantToken(h, owner, ids.carolDowntown);
    const results = await Promise.all([
      ...Array.from({ length: 25 }, async () =>
        (await exchange(h, token)).status === 200 ? 'won' : 'refused',
      ),
      ...Array.from({ length: 25 }, async () =>
        (await trpcCode(portal(null).impersonation.exchange({ token }))) === 'OK'
          ? 'won'
          : 'refused',
      ),
    ]);
    const tally = new Tally();
    for (const result of results) tally.add(result);
    recordAttack('50 concurrent exchanges of one token (25 REST + 25 tRPC)', tally);
    expect(tally.count('won')).toBe(1);
  });

  it('exchange racing a revoke: afterwards nothing that was granted is alive', async () => {
    const ownerAdmin = (await h.signIn('owner@hotdesk.test', 'ADMIN')).actor;
    const token = await grantToken(h, owner, ids.bob);
    const [answers] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => exchange(h, token))),
      admin(ownerAdmin).impersonation.revoke({ impersonationId: jtiOf(token) }),
    ]);
    const tally = new Tally();
    for (const answer of answers) {
      tally.add(answer.status);
      if (answer.status === 200)
        tally.add(`bearer after revoke ${(await profiles(String(answer.json?.token))).status}`);
    }
    recordAttack('10 exchanges racing a revoke', tally);
    expect(tally.count(200)).toBeLessThanOrEqual(1);
    for (const answer of answers.filter((a) => a.status === 200)) {
      expect((await profiles(String(answer.json?.token))).status).toBe(401);
    }
    expect((await exchange(h, token)).status).toBe(401);
  });
});

describe('replay after the impersonation ended', () => {
  it('after exit: token, bearer and refresh token all 401 / invalid_grant', async () => {
    const token = await grantToken(h, owner, ids.bob);
    const session = await exchangeOk(h, token);
    await portal(await h.actorOf(session.accessToken)).impersonation.exit();
    const tally = new Tally();
    await expectAllDead(token, session, tally);
    recordAttack('replay after exit (token, bearer, refresh)', tally);
  });

  it('after an operator revoke, and after the member revokes it', async () => {
    const ownerAdmin = (await h.signIn('owner@hotdesk.test', 'ADMIN')).actor;
    const bobHimself = (await h.signIn('bob@example.com')).actor;
    const tally = new Tally();
    for (const revoker of [ownerAdmin, bobHimself]) {
      const token = await grantToken(h, owner, ids.bob);
      const session = await exchangeOk(h, token);
      const caller = revoker === ownerAdmin ? admin(revoker) : portal(revoker);
      await caller.impersonation.revoke({ impersonationId: jtiOf(token) });
      await expectAllDead(token, session, tally);
    }
    recordAttack('replay after revoke by the operator and by the member', tally);
  });

  it("after the operator's own session ends, the impersonation bound to it dies", async () => {
    const operator = await h.signIn('admin@downtown.hotdesk.test');
    const token = await grantToken(h, operator, ids.bob);
    const session = await exchangeOk(h, token);
    expect((await profiles(session.accessToken)).status).toBe(200);
    await signOut(h.ctx, operator.actor);
    const tally = new Tally();
    await expectAllDead(token, session, tally);
    recordAttack("replay after the operator's own sign-out", tally);
  });

  it('an impersonated session refreshed concurrently: one rotation, one pair for all, its end never moves', async () => {
    const session = await exchangeOk(h, await grantToken(h, owner, ids.bob));
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => refresh(session.refreshToken)),
    );
    const tally = new Tally();
    for (const answer of answers)
      tally.add(`${answer.status}${answer.status === 200 ? '' : ` ${String(answer.json?.error)}`}`);
    recordAttack('20 concurrent refreshes of an impersonated session', tally);
    expect(tally.count(200)).toBe(20);
    expect(new Set(answers.map((a) => a.json?.refresh_token)).size).toBe(1);
    expect(Number(answers[0]?.json?.expires_in)).toBeLessThanOrEqual(session.expiresIn);
    // The access token the rotation replaced is dead too.
    expect((await profiles(session.accessToken)).status).toBe(401);
  });
});

describe('refresh-token reuse', () => {
  const graceSeconds = () => h.ctx.config.refreshReuseGraceSeconds;
  let moved = 0;
  const pastGrace = () => {
    h.advanceClock((graceSeconds() + 1) * 1_000);
    moved += (graceSeconds() + 1) * 1_000;
  };
  afterAll(() => h.advanceClock(-moved));

  it('a stolen refresh token replayed after rotation ends the session for thief and owner alike', async () => {
    const member = await h.signIn('alice@example.com');
    const tally = new Tally();
    const owner = await refresh(member.refreshToken);
    expect(owner.status).toBe(200);
    pastGrace();
    const thief = await refresh(member.refreshToken);
    tally.add(`replay after ${graceSeconds() + 1} s: ${thief.status} ${String(thief.json?.error)}`);
    const ownerBearer = await profiles(String(owner.json?.access_token));
    const ownerRefresh = await refresh(String(owner.json?.refresh_token));
    tally.add(`owner's rotated bearer ${ownerBearer.status}`);
    tally.add(`owner's rotated refresh ${ownerRefresh.status} ${String(ownerRefresh.json?.error)}`);
    recordAttack('refresh-token replay after rotation (past the grace window)', tally);
    expect(thief.json?.error).toBe('invalid_grant');
    expect(thief.json?.error_description).toMatch(/used again after it had been replaced/);
    expect(ownerBearer.status).toBe(401);
    expect(ownerRefresh.json?.error).toBe('invalid_grant');
  });

  it('a thief who refreshes first loses the session as soon as the owner refreshes', async () => {
    const operator = await h.signIn('admin@downtown.hotdesk.test');
    const view = await exchangeOk(h, await grantToken(h, operator, ids.bob));
    const thief = await refresh(operator.refreshToken);
    pastGrace();
    const owner = await refresh(operator.refreshToken);
    const thiefBearer = await profiles(String(thief.json?.access_token));
    const thiefRefresh = await refresh(String(thief.json?.refresh_token));
    const viewBearer = await profiles(view.accessToken);
    recordAttack('thief refreshes a stolen token first; the owner refreshes later', {
      tried: 4,
      outcome:
        `owner ${owner.status} ${String(owner.json?.error)}, thief bearer ${thiefBearer.status}, ` +
        `thief refresh ${thiefRefresh.status}, view started from it ${viewBearer.status}`,
    });
    expect(owner.json?.error).toBe('invalid_grant');
    expect(thiefBearer.status).toBe(401);
    expect(thiefRefresh.status).toBe(400);
    expect(viewBearer.status).toBe(401);
  });

  it('a replay within the grace window only repeats the pair; from another client it ends the session', async () => {
    const member = await h.signIn('erin@example.com');
    const tally = new Tally();
    const first = await refresh(member.refreshToken);
    const again = await refresh(member.refreshToken);
    tally.add(again.json?.refresh_token === first.json?.refresh_token ? 'same pair' : 'NEW PAIR');
    const otherClient = await h.rest('POST', '/api/token', {
      form: {
        grant_type: 'refresh_token',
        refresh_token: member.refreshToken,
        client_id: 'evil-client',
      },
    });
    tally.add(`other client ${otherClient.status} ${String(otherClient.json?.error)}`);
    tally.add(`rotated bearer then ${(await profiles(String(first.json?.access_token))).status}`);
    recordAttack('refresh-token replay within the grace window (same / other client_id)', tally);
    expect(tally.count('same pair')).toBe(1);
    expect(otherClient.json?.access_token).toBeUndefined();
    expect(tally.count('rotated bearer then 401')).toBe(1);
  });

  it('a refresh token presented with another client_id, or as a bearer, is refused', async () => {
    const member = await h.signIn('carol@example.com');
    const wrongClient = await h.rest('POST', '/api/token', {
      form: {
        grant_type: 'refresh_token',
        refresh_token: member.refreshToken,
        client_id: 'evil-client',
      },
    });
    const asBearer = await profiles(member.refreshToken);
    const accessAsRefresh = await refresh(member.accessToken);
    recordAttack('refresh token with a foreign client_id / as a bearer; access token as refresh', {
      tried: 3,
      outcome: `${wrongClient.status} ${String(wrongClient.json?.error)}, ${asBearer.status}, ${accessAsRefresh.status} ${String(accessAsRefresh.json?.error)}`,
    });
    expect(wrongClient.json?.error).toBe('invalid_grant');
    expect(asBearer.status).toBe(401);
    expect(accessAsRefresh.json?.error).toBe('invalid_grant');
    expect((await refresh(member.refreshToken)).status).toBe(200);
  });
});

describe('replay across time (runs last: it moves the clock)', () => {
  let moved = 0;
  const advance = (minutes: number) => {
    h.advanceClock(minutes * 60_000);
    moved += minutes * 60_000;
  };
  afterAll(() => h.advanceClock(-moved));

  it('an idle impersonated session is dead to its bearer and to its refresh token', async () => {
    const idleMinutes = h.ctx.config.impersonationIdleMinutes;
    // Used first: the bearer finds it idle and ends it, so the refresh token dies with it.
    const usedFirst = await exchangeOk(h, await grantToken(h, owner, ids.bob));
    // Refreshed first: nothing has noticed the idleness yet when the refresh token is presented.
    const refreshedFirst = await exchangeOk(h, await grantToken(h, owner, ids.carolDowntown));
    advance(idleMinutes + 1);
    const bearer = await profiles(usedFirst.accessToken);
    const refreshAfter = await refresh(usedFirst.refreshToken);
    const revived = await refresh(refreshedFirst.refreshToken);
    const revivedBearer =
      revived.status === 200 ? await profiles(String(revived.json?.access_token)) : null;
    recordAttack(
      `impersonated session idle ${idleMinutes + 1} min: bearer, then refresh; refresh first`,
      {
        tried: 4,
        outcome:
          `bearer ${bearer.status}, its refresh ${refreshAfter.status}; ` +
          `refresh first ${revived.status}${revivedBearer ? `, revived bearer ${revivedBearer.status}` : ''}`,
      },
    );
    expect(bearer.status).toBe(401);
    expect(refreshAfter.json?.error).toBe('invalid_grant');
    expect(revived.json?.error, 'a refresh token revives an idle impersonation').toBe(
      'invalid_grant',
    );
    expect(revivedBearer?.status ?? 401).toBe(401);
  });

  it('kept busy and refreshed, an impersonated session still dies at its absolute end', async () => {
    const operator = await h.signIn('admin@downtown.hotdesk.test');
    const busy = await exchangeOk(h, await grantToken(h, operator, ids.bob));
    const tally = new Tally();
    let access = busy.accessToken;
    let refreshToken = busy.refreshToken;
    for (let minute = 10; minute * 60 <= busy.expiresIn + 600; minute += 10) {
      advance(10);
      const renewed = await refresh(refreshToken);
      if (renewed.status === 200) {
        access = String(renewed.json?.access_token);
        refreshToken = String(renewed.json?.refresh_token);
        expect(Number(renewed.json?.expires_in)).toBeLessThanOrEqual(busy.expiresIn - minute * 60);
      }
      const used = await profiles(access);
      tally.add(`${minute} min: refresh ${renewed.status}, bearer ${used.status}`);
      expect(used.status, `at ${minute} min of ${busy.expiresIn / 60}`).toBe(
        minute * 60 < busy.expiresIn ? 200 : 401,
      );
    }
    recordAttack('impersonated session refreshed every 10 min past its absolute end', tally);
  });
});
