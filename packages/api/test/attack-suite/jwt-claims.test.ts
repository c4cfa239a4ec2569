import { describe, expect, it } from 'vitest';

import { recordAttack } from './attack-log';
import { exchange } from './attack-fixtures';
import { campaign, liveGrant, nowSeconds, useJwtTarget } from './jwt-campaign';
import { b64url, signEd25519, signWithOurKey, type Json } from './token-forge';

/**
 * JWT claim attacks at the exchange endpoint, most of them genuinely signed with our own key:
 * time, type, audience, issuer, malformed claims, another location's coworker, and claims that
 * disagree with the grant they name.
 */

const t = useJwtTarget();

describe('claims, genuinely signed with our key', () => {
  it('expired, not yet valid, lifetime over the 5-minute cap', async () => {
    const grant = await liveGrant(t, t.downtownAdmin);
    const now = nowSeconds(t);
    const times: Array<[string, Json]> = [
      ['expired a minute ago', { iat: now - 120, exp: now - 60 }],
      ['expired an hour ago', { iat: now - 3660, exp: now - 3600 }],
      ['iat an hour in the future', { iat: now + 3600, exp: now + 3660 }],
      ['iat 30 s in the future', { iat: now + 30, exp: now + 90 }],
      ['nbf in the future', { nbf: now + 3600 }],
      ['lifetime 10 min', { iat: now, exp: now + 600 }],
      ['lifetime 301 s', { iat: now, exp: now + 301 }],
      ['lifetime a year', { iat: now, exp: now + 31_536_000 }],
      ['exp = iat', { iat: now, exp: now }],
      ['exp before iat', { iat: now, exp: now - 10 }],
      ['exp as a string', { exp: String(now + 60) }],
      ['iat as a string', { iat: String(now) }],
      ['no exp', { exp: undefined }],
      ['no iat', { iat: undefined }],
      ['exp huge', { exp: Number.MAX_SAFE_INTEGER }],
      ['iat negative', { iat: -1 }],
    ];
    const forgeries: Array<[string, string]> = [];
    for (const [label, change] of times)
      forgeries.push([
        label,
        await signWithOurKey(t.h.keys, grant.header, { ...grant.payload, ...change }),
      ]);
    await campaign(
      t,
      'expired / not-yet-valid / lifetime > cap (genuine signature)',
      grant.token,
      forgeries,
    );
  });

  it('wrong typ, aud, iss and malformed claims', async () => {
    const grant = await liveGrant(t);
    const { issuer, exchangeAudience } = t.h.ctx.config;
    const headerChanges: Array<[string, Json]> = [
      ['typ JWT', { typ: 'JWT' }],
      ['typ jwt', { typ: 'jwt' }],
      ['typ at+jwt', { typ: 'at+jwt' }],
      ['typ with application/', { typ: `application/${String(grant.header.typ)}` }],
      ['typ upper case', { typ: String(grant.header.typ).toUpperCase() }],
      ['no typ', { typ: undefined }],
      ['typ empty', { typ: '' }],
    ];
    const payloadChanges: Array<[string, Json]> = [
      ['aud hotdesk', { aud: issuer }],
      ['aud with a space', { aud: `${exchangeAudience} ` }],
      ['aud upper case', { aud: exchangeAudience.toUpperCase() }],
      ['aud as array', { aud: [exchangeAudience] }],
      ['aud array with another', { aud: [exchangeAudience, 'evil'] }],
      ['no aud', { aud: undefined }],
      ['iss evil', { iss: 'evil' }],
      ['iss with a space', { iss: `${issuer} ` }],
      ['iss as array', { iss: [issuer] }],
      ['no iss', { iss: undefined }],
      ['sub as number', { sub: t.ids.bob }],
      ['sub empty', { sub: '' }],
      ['no sub', { sub: undefined }],
      ['act as string', { act: '1' }],
      ['act empty', { act: {} }],
      ['act.sub number', { act: { sub: 1 } }],
      ['loc number', { loc: t.ids.downtown }],
      ['no loc', { loc: undefined }],
      ['mode ADMIN', { mode: 'ADMIN' }],
      ['kind OWNER', { kind: 'OWNER' }],
      ['jti number', { jti: 1 }],
      ['jti not a uuid', { jti: 'grant-1' }],
      ['jti SQL-ish', { jti: "' OR '1'='1" }],
      ['jti with suffix', { jti: `${String(grant.payload.jti)}x` }],
    ];
    const forgeries: Array<[string, string]> = [];
    for (const [label, change] of headerChanges)
      forgeries.push([
        label,
        await signWithOurKey(t.h.keys, { ...grant.header, ...change }, grant.payload),
      ]);
    for (const [label, change] of payloadChanges)
      forgeries.push([
        label,
        await signWithOurKey(t.h.keys, grant.header, { ...grant.payload, ...change }),
      ]);
    await campaign(
      t,
      'wrong typ / aud / iss, malformed sub / act / loc / jti (genuine signature)',
      grant.token,
      forgeries,
    );
  });

  it('a token for a Riverside coworker with a forged Downtown loc, signed by an attacker', async () => {
    const grant = await liveGrant(t, t.downtownAdmin);
    const forged = {
      ...grant.payload,
      sub: String(t.ids.erin),
      loc: String(t.ids.downtown),
    };
    const forgeries: Array<[string, string]> = [
      [
        'attacker key, our kid',
        await signEd25519(t.attacker.keys.signingKey().privateKey, grant.header, forged),
      ],
      ['original signature', `${b64url(grant.header)}.${b64url(forged)}.${grant.signature}`],
      [
        'attacker key, loc riverside',
        await signEd25519(t.attacker.keys.signingKey().privateKey, grant.header, {
          ...forged,
          loc: String(t.ids.riverside),
        }),
      ],
    ];
    await campaign(
      t,
      'cross-location token: Riverside sub with forged loc',
      grant.token,
      forgeries,
    );
  });

  it('claims that disagree with the grant never redirect the session (sub, loc, act, mode, kind)', async () => {
    const grant = await liveGrant(t, t.downtownAdmin);
    const riversideAdminId = t.riversideAdmin.actor.userId;
    const forged = await signWithOurKey(t.h.keys, grant.header, {
      ...grant.payload,
      sub: String(t.ids.erin),
      loc: String(t.ids.riverside),
      act: { sub: String(riversideAdminId) },
      mode: 'FULL',
      kind: 'TEAM_ADMIN',
      // The same grant id spelled in upper case: Postgres reads it as the same uuid.
      jti: String(grant.payload.jti).toUpperCase(),
    });
    const answer = await exchange(t.h, forged);
    const session = answer.status === 200 ? await t.h.actorOf(String(answer.json?.token)) : null;
    recordAttack('genuinely signed token whose claims disagree with its grant', {
      tried: 1,
      outcome:
        answer.status === 200
          ? `200: session of coworker ${session?.coworkerId === t.ids.bob ? "the grant's target" : session?.coworkerId}, mode ${session?.impersonation?.mode} (the grant row decides)`
          : `${answer.status}`,
    });
    expect([200, 401]).toContain(answer.status);
    if (session) {
      expect(session.coworkerId).toBe(t.ids.bob);
      expect(session.impersonation?.targetCoworkerId).toBe(t.ids.bob);
      expect(session.impersonation?.locationId).toBe(t.ids.downtown);
      expect(session.impersonation?.mode).toBe('READ_ONLY');
      expect(session.impersonation?.actorUserId).toBe(t.downtownAdmin.actor.userId);
    }
  });
});
