import { generateSigningJwk, loadKeySetFromJson, signImpersonationToken } from '@hotdesk/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';

let h: ApiTestHarness;
let bob: number;

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function grantAsOwner(query: Record<string, string | number> = {}) {
  const owner = await h.signIn('owner@hotdesk.test');
  const grant = await h.rest('GET', '/api/sys/users/impersonate', {
    bearer: owner.accessToken,
    query: { coworkerId: bob, ...query },
  });
  expect(grant.status).toBe(200);
  return { owner, token: String(grant.json?.token) };
}

const exchange = (token: string, validForInMinutes: number | string = 30) =>
  h.rest('POST', '/api/sys/users/exchange', { query: { token, validForInMinutes } });

describe('exchange', () => {
  it('redeems a fresh token for a bob session whose expires_in is the real, capped lifetime', async () => {
    const { token } = await grantAsOwner();
    const response = await exchange(token, 600);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ token_type: 'bearer' });
    expect(response.json?.expires_in).toBeGreaterThan(59 * 60);
    expect(response.json?.expires_in).toBeLessThanOrEqual(60 * 60);
    const profiles = await h.rest('GET', '/api/public/coworkers/profiles', {
      bearer: String(response.json?.token),
    });
    expect(profiles.status).toBe(200);
    expect(profiles.json?.Profiles).toEqual([
      expect.objectContaining({ Id: bob, IsDefaultProfile: true }),
    ]);
  });

  it('asks for less than the cap and gets exactly that', async () => {
    const { token } = await grantAsOwner();
    const response = await exchange(token, 5);
    expect(response.json?.expires_in).toBeGreaterThan(4 * 60);
    expect(response.json?.expires_in).toBeLessThanOrEqual(5 * 60);
  });

  it('of 20 concurrent redemptions of one token exactly one wins', async () => {
    const { token } = await grantAsOwner();
    const responses = await Promise.all(Array.from({ length: 20 }, () => exchange(token)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(19);
  });

  it('refuses a token used once already', async () => {
    const { token } = await grantAsOwner();
    expect((await exchange(token)).status).toBe(200);
    expect((await exchange(token)).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const { token } = await grantAsOwner();
    h.advanceClock(61_000 + 5_000);
    try {
      expect((await exchange(token)).status).toBe(401);
    } finally {
      h.advanceClock(-66_000);
    }
  });

  it('refuses a token whose actor signed out in between', async () => {
    const { owner, token } = await grantAsOwner();
    const signOut = await import('../sessions/sign-out');
    await signOut.signOut(h.ctx, owner.actor);
    expect((await exchange(token)).status).toBe(401);
  });

  it('refuses a token whose actor lost the role in between, and the grant is spent', async () => {
    const admin = await h.signIn('admin@downtown.hotdesk.test');
    const grant = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: admin.accessToken,
      query: { coworkerId: bob },
    });
    const role = await h.db.operatorRole.findFirstOrThrow({
      where: { userId: admin.actor.userId! },
    });
    await h.db.operatorRole.update({ where: { id: role.id }, data: { role: 'VIEWER' } });
    try {
      expect((await exchange(String(grant.json?.token))).status).toBe(401);
      const spent = await h.db.impersonation.findFirstOrThrow({
        where: { actorUserId: admin.actor.userId!, targetCoworkerId: bob },
        orderBy: { issuedAt: 'desc' },
      });
      expect(spent.endedAt).not.toBeNull();
    } finally {
      await h.db.operatorRole.update({ where: { id: role.id }, data: { role: 'ADMIN' } });
    }
  });

  it('refuses a token whose target was suspended in between', async () => {
    const { token } = await grantAsOwner();
    await h.db.coworker.update({ where: { id: bob }, data: { active: false } });
    try {
      expect((await exchange(token)).status).toBe(401);
    } finally {
      await h.db.coworker.update({ where: { id: bob }, data: { active: true } });
    }
  });

  it('refuses a token revoked before its exchange', async () => {
    const { owner, token } = await grantAsOwner();
    const impersonation = await h.db.impersonation.findFirstOrThrow({
      where: { actorUserId: owner.actor.userId! },
      orderBy: { issuedAt: 'desc' },
    });
    const revoke = await import('./revoke-impersonation');
    await revoke.revokeImpersonation(h.ctx, owner.actor, impersonation.id);
    expect((await exchange(token)).status).toBe(401);
  });
});

describe('forged and malformed tokens are all 401', () => {
  async function parts() {
    const { token } = await grantAsOwner();
    const [header, payload, signature] = token.split('.') as [string, string, string];
    return {
      token,
      header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>,
      payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>,
      signature,
    };
  }

  it('garbage', async () => {
    for (const garbage of ['x', 'a.b.c', '....', 'eyJhbGciOiJub25lIn0', '%00']) {
      expect((await exchange(garbage)).status).toBe(401);
    }
  });

  it('alg none', async () => {
    const { header, payload } = await parts();
    expect(
      (await exchange(`${b64url({ ...header, alg: 'none' })}.${b64url(payload)}.`)).status,
    ).toBe(401);
  });

  it('HS256 keyed with the public key', async () => {
    const { header, payload } = await parts();
    const jwk = h.keys.publicJwks().keys[0]!;
    const { createHmac } = await import('node:crypto');
    const signingInput = `${b64url({ ...header, alg: 'HS256' })}.${b64url(payload)}`;
    for (const secret of [JSON.stringify(jwk), jwk.x]) {
      const mac = createHmac('sha256', secret).update(signingInput).digest('base64url');
      expect((await exchange(`${signingInput}.${mac}`)).status).toBe(401);
    }
  });

  it('tampered payload (another target) keeps the old signature', async () => {
    const { header, payload, signature } = await parts();
    const forged = `${b64url(header)}.${b64url({ ...payload, sub: '1' })}.${signature}`;
    expect((await exchange(forged)).status).toBe(401);
  });

  it('unknown kid, and a token signed by a key that is not ours', async () => {
    const { header, payload, signature } = await parts();
    expect(
      (
        await exchange(
          `${b64url({ ...header, kid: 'unknown-kid' })}.${b64url(payload)}.${signature}`,
        )
      ).status,
    ).toBe(401);
    const strangerKeys = await loadKeySetFromJson(
      JSON.stringify({ keys: [await generateSigningJwk()] }),
    );
    const stranger = await signImpersonationToken(strangerKeys, {
      issuer: h.ctx.config.issuer,
      audience: h.ctx.config.exchangeAudience,
      subject: String(bob),
      actor: { sub: String(payload.act && (payload.act as { sub: string }).sub) },
      location: String(payload.loc),
      jti: crypto.randomUUID(),
    });
    expect((await exchange(stranger)).status).toBe(401);
  });

  it('wrong audience, issuer or type, signed with our own key', async () => {
    const base = {
      subject: String(bob),
      actor: { sub: '1' },
      location: '1',
    };
    const wrongAudience = await signImpersonationToken(h.keys, {
      ...base,
      issuer: h.ctx.config.issuer,
      audience: 'someone-else',
      jti: crypto.randomUUID(),
    });
    const wrongIssuer = await signImpersonationToken(h.keys, {
      ...base,
      issuer: 'evil',
      audience: h.ctx.config.exchangeAudience,
      jti: crypto.randomUUID(),
    });
    expect((await exchange(wrongAudience)).status).toBe(401);
    expect((await exchange(wrongIssuer)).status).toBe(401);
    // Valid signature and claims, but a jti no grant was ever recorded for.
    const neverGranted = await signImpersonationToken(h.keys, {
      ...base,
      issuer: h.ctx.config.issuer,
      audience: h.ctx.config.exchangeAudience,
      jti: crypto.randomUUID(),
    });
    expect((await exchange(neverGranted)).status).toBe(401);
  });
});

describe('exchange input', () => {
  it('400 when token is missing, 400 when validForInMinutes is missing or not a positive integer', async () => {
    expect(
      (await h.rest('POST', '/api/sys/users/exchange', { query: { validForInMinutes: 5 } })).json
        ?.field,
    ).toBe('token');
    for (const value of ['', '0', '-5', 'abc', '1.5']) {
      const response = await h.rest('POST', '/api/sys/users/exchange', {
        query: { token: 'x', validForInMinutes: value },
      });
      expect(response.status).toBe(400);
      expect(response.json?.field).toBe('validForInMinutes');
    }
    expect(
      (await h.rest('POST', '/api/sys/users/exchange', { query: { token: 'x' } })).status,
    ).toBe(400);
  });
});
