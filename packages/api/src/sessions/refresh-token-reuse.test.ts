import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { REFRESH_REUSED_MESSAGE } from './refresh-session';

let h: ApiTestHarness;
let bob: number;
let moved = 0;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
}, 120_000);

afterEach(() => {
  h.advanceClock(-moved);
  moved = 0;
});

afterAll(async () => {
  await h?.close();
});

const refresh = (refreshToken: string, clientId?: string) =>
  h.rest('POST', '/api/token', {
    form: {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...(clientId ? { client_id: clientId } : {}),
    },
  });
const profiles = (bearer: string) => h.rest('GET', '/api/public/coworkers/profiles', { bearer });
const pastGrace = () => {
  const ms = (h.ctx.config.refreshReuseGraceSeconds + 1) * 1_000;
  h.advanceClock(ms);
  moved += ms;
};
const sessionOf = (id: string) => h.db.session.findUniqueOrThrow({ where: { id } });

describe('a rotated refresh token presented again', () => {
  it('within the grace window gets the same new pair, and the session goes on', async () => {
    const member = await h.signIn('alice@example.com');
    const first = await refresh(member.refreshToken);
    const again = await refresh(member.refreshToken);
    expect(first.status).toBe(200);
    expect(again.json).toMatchObject({
      access_token: first.json?.access_token,
      refresh_token: first.json?.refresh_token,
    });
    // The same access token, so the same end (read back from what the rotation stored).
    const drift = Number(first.json?.expires_in) - Number(again.json?.expires_in);
    expect(drift).toBeGreaterThanOrEqual(0);
    expect(drift).toBeLessThanOrEqual(2);
    expect((await profiles(String(first.json?.access_token))).status).toBe(200);
    expect((await sessionOf(member.sessionId)).revokedAt).toBeNull();
    // Nothing about it is stored in the clear.
    const stored = JSON.stringify(await sessionOf(member.sessionId));
    expect(stored).not.toContain(String(first.json?.refresh_token));
    expect(stored).not.toContain(String(first.json?.access_token));
  });

  it('after the grace window ends the whole session, with the views started from it, on the record', async () => {
    const operator = await h.signIn('admin@downtown.hotdesk.test');
    const view = await impersonateViaRest(h, operator, bob);
    const renewed = await refresh(operator.refreshToken);
    const newRefresh = String(renewed.json?.refresh_token);
    pastGrace();

    const replay = await refresh(operator.refreshToken);
    expect(replay.status).toBe(400);
    expect(replay.json).toEqual({
      error: 'invalid_grant',
      error_description: REFRESH_REUSED_MESSAGE,
    });

    const session = await sessionOf(operator.sessionId);
    expect(session.endedReason).toBe('REFRESH_REUSED');
    // The session's every token is dead: the rotated-to pair and the view it started.
    expect((await refresh(newRefresh)).json?.error).toBe('invalid_grant');
    expect((await profiles(String(renewed.json?.access_token))).status).toBe(401);
    expect((await profiles(view.accessToken)).status).toBe(401);
    const impersonation = await h.db.impersonation.findUniqueOrThrow({
      where: { id: view.impersonationId },
    });
    expect(impersonation.endedReason).toBe('ACTOR_SESSION_ENDED');
    const events = await h.db.auditEvent.findMany({
      where: { type: 'REFRESH_TOKEN_REUSED', actorUserId: operator.actor.userId },
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ sessionId: operator.sessionId });
  });

  it('is caught for any earlier token of the session, not just the last one replaced', async () => {
    const member = await h.signIn('carol@example.com');
    const second = await refresh(member.refreshToken);
    const third = await refresh(String(second.json?.refresh_token));
    expect(third.status).toBe(200);
    // The oldest token, seconds later: not the one the last rotation replaced, so no grace.
    const replay = await refresh(member.refreshToken);
    expect(replay.json?.error_description).toBe(REFRESH_REUSED_MESSAGE);
    expect((await sessionOf(member.sessionId)).endedReason).toBe('REFRESH_REUSED');
    expect((await refresh(String(third.json?.refresh_token))).status).toBe(400);
  });

  it('when the thief refreshed first, the owner’s refresh ends the thief’s session too', async () => {
    const member = await h.signIn('erin@example.com');
    const stolen = member.refreshToken;
    const thief = await refresh(stolen);
    pastGrace();
    const owner = await refresh(stolen);
    expect(owner.json?.error_description).toBe(REFRESH_REUSED_MESSAGE);
    expect((await profiles(String(thief.json?.access_token))).status).toBe(401);
    expect((await refresh(String(thief.json?.refresh_token))).status).toBe(400);
  });

  it('ends an impersonated session as a view, and tells the viewer why', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    await refresh(view.refreshToken);
    pastGrace();
    expect((await refresh(view.refreshToken)).json?.error_description).toBe(REFRESH_REUSED_MESSAGE);
    const impersonation = await h.db.impersonation.findUniqueOrThrow({
      where: { id: view.impersonationId },
    });
    expect(impersonation.endedReason).toBe('REVOKED');
    expect(
      await h.db.auditEvent.count({
        where: { type: 'REFRESH_TOKEN_REUSED', impersonationId: view.impersonationId },
      }),
    ).toBe(1);
  });

  it('within the grace window but from another client gets nothing, and ends the session', async () => {
    const member = await h.rest('POST', '/api/token', {
      form: {
        grant_type: 'password',
        username: 'bob@example.com',
        password: 'hotdesk-demo',
        client_id: 'phone',
      },
    });
    const refreshToken = String(member.json?.refresh_token);
    expect((await refresh(refreshToken, 'phone')).status).toBe(200);
    const other = await refresh(refreshToken, 'laptop');
    expect(other.json?.access_token).toBeUndefined();
    expect(other.json?.error_description).toBe(REFRESH_REUSED_MESSAGE);
  });

  it('of 20 concurrent refreshes, all get one pair; a replay after the grace ends it once', async () => {
    const member = await h.signIn('alice@example.com');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => refresh(member.refreshToken)),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(new Set(answers.map((answer) => answer.json?.refresh_token)).size).toBe(1);
    expect(await h.db.rotatedRefreshToken.count({ where: { sessionId: member.sessionId } })).toBe(
      1,
    );
    pastGrace();
    const replays = await Promise.all(
      Array.from({ length: 5 }, () => refresh(member.refreshToken)),
    );
    expect(replays.every((answer) => answer.json?.error === 'invalid_grant')).toBe(true);
    expect(
      await h.db.auditEvent.count({
        where: {
          type: 'REFRESH_TOKEN_REUSED',
          data: { path: ['sessionId'], equals: member.sessionId },
        },
      }),
    ).toBe(1);
  });
});
