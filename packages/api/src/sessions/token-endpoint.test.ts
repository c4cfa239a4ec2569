import { generateTotp } from '@hotdesk/auth';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';

const limits = {
  perAccountAndIp: 5,
  perAccount: 50,
  perIp: 100,
  windowMinutes: 15,
  maxLockoutMinutes: 24 * 60,
  globalFailureBudget: 1_000_000,
  globalDelaySeconds: 0,
};
const wrongPassword = 'Wr0ng-but-Secret!pass';

let h: ApiTestHarness;

beforeAll(async () => {
  h = await startApiTestHarness({ signInLimits: limits });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const token = (form: Record<string, string>, headers?: Record<string, string>) =>
  h.rest('POST', '/api/token', { form, headers });

const passwordGrant = (
  username: string,
  password: string = DEMO_PASSWORD,
  extra: Record<string, string> = {},
) => token({ grant_type: 'password', username, password, ...extra });

const refreshGrant = (refreshToken: string, extra: Record<string, string> = {}) =>
  token({ grant_type: 'refresh_token', refresh_token: refreshToken, ...extra });

const profiles = (bearer: string) => h.rest('GET', '/api/public/coworkers/profiles', { bearer });

function expectOauthError(
  response: Awaited<ReturnType<typeof token>>,
  error: string,
  status = 400,
) {
  expect(response.status).toBe(status);
  expect(response.json).toEqual({ error, error_description: expect.any(String) });
}

describe('password grant', () => {
  it('signs a member in and answers with the contract’s token shape', async () => {
    const response = await passwordGrant('alice@example.com');
    expect(response.status).toBe(200);
    expect(Object.keys(response.json ?? {}).sort()).toEqual([
      'access_token',
      'expires_in',
      'refresh_token',
      'token_type',
    ]);
    expect(response.json?.token_type).toBe('bearer');
    expect(response.json?.expires_in).toBeGreaterThan(59 * 60);
    expect(response.json?.expires_in).toBeLessThanOrEqual(60 * 60);
    expect(response.json?.access_token).not.toBe(response.json?.refresh_token);
    expect(response.headers.get('cache-control')).toContain('no-store');

    const me = await profiles(String(response.json?.access_token));
    expect(me.status).toBe(200);
    expect(me.json?.User).toMatchObject({ Email: 'alice@example.com' });
  });

  it('accepts the e-mail in any case', async () => {
    expect((await passwordGrant('Alice@Example.COM')).status).toBe(200);
  });

  it('refuses a JSON body with unsupported_grant_type, even with good credentials', async () => {
    const response = await h.rest('POST', '/api/token', {
      body: { grant_type: 'password', username: 'alice@example.com', password: DEMO_PASSWORD },
    });
    expectOauthError(response, 'unsupported_grant_type');
  });

  it.each([['client_credentials'], ['authorization_code'], ['']])(
    'refuses grant_type=%j',
    async (grantType) => {
      const response = await token({
        grant_type: grantType,
        username: 'alice@example.com',
        password: DEMO_PASSWORD,
      });
      expectOauthError(response, 'unsupported_grant_type');
    },
  );

  it.each([
    ['a wrong password', 'alice@example.com', wrongPassword],
    ['an unknown user', 'nobody-here@example.com', wrongPassword],
    ['a suspended user with the right password', 'dave@example.com', DEMO_PASSWORD],
    ['a suspended user with a wrong password', 'dave@example.com', wrongPassword],
  ])(
    'answers invalid_grant for %s, without echoing the password',
    async (_case, username, password) => {
      const response = await passwordGrant(username, password);
      expectOauthError(response, 'invalid_grant');
      expect(response.text).not.toContain(password);
    },
  );

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await passwordGrant('someone-else@example.com', wrongPassword);
    const wrong = await passwordGrant('bob@example.com', wrongPassword);
    expect(unknown.json).toEqual(wrong.json);
  });

  it('asks frank for his two-factor code when it is missing or wrong, and signs him in with the right one', async () => {
    const missing = await passwordGrant('frank@example.com');
    expectOauthError(missing, 'two_factor_auth_check');

    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const wrong = await passwordGrant('frank@example.com', DEMO_PASSWORD, {
      totp: generateTotp(DEMO_TOTP_SECRET, tenMinutesAgo),
    });
    expectOauthError(wrong, 'two_factor_auth_check');

    const right = await passwordGrant('frank@example.com', DEMO_PASSWORD, {
      totp: generateTotp(DEMO_TOTP_SECRET),
    });
    expect(right.status).toBe(200);
    expect((await profiles(String(right.json?.access_token))).status).toBe(200);
  });

  it('does not reveal that frank has two-factor on to someone without his password', async () => {
    const response = await passwordGrant('frank@example.com', wrongPassword);
    expectOauthError(response, 'invalid_grant');
  });

  it('tells grace she must reset her password, and only once her password is right', async () => {
    expectOauthError(await passwordGrant('grace@example.com'), 'must_reset_password');
    expectOauthError(await passwordGrant('grace@example.com', wrongPassword), 'invalid_grant');
  });
});

describe('routing', () => {
  it('answers 405 with Allow for another method, and 404 JSON for an unknown /api route', async () => {
    const get = await h.rest('GET', '/api/token');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const unknown = await h.rest('POST', '/api/tokens', { form: { grant_type: 'password' } });
    expect(unknown.status).toBe(404);
    expect(unknown.json?.error).toBe('not_found');
  });
});

describe('refresh_token grant', () => {
  it('rotates both tokens: the old refresh and access tokens stop working, the new ones work', async () => {
    const first = await passwordGrant('bob@example.com', DEMO_PASSWORD, {
      client_id: 'mobile-app',
    });
    const oldAccess = String(first.json?.access_token);
    const oldRefresh = String(first.json?.refresh_token);
    expect((await profiles(oldAccess)).status).toBe(200);

    const second = await refreshGrant(oldRefresh, { client_id: 'mobile-app' });
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ token_type: 'bearer', expires_in: expect.any(Number) });
    const newAccess = String(second.json?.access_token);
    const newRefresh = String(second.json?.refresh_token);
    expect(newAccess).not.toBe(oldAccess);
    expect(newRefresh).not.toBe(oldRefresh);

    expect((await profiles(newAccess)).status).toBe(200);
    expect((await profiles(oldAccess)).status).toBe(401);
    // Within the grace window the old refresh token only repeats the answer it already got.
    const retried = await refreshGrant(oldRefresh, { client_id: 'mobile-app' });
    expect(retried.json).toMatchObject({ access_token: newAccess, refresh_token: newRefresh });
    expect((await refreshGrant(newRefresh, { client_id: 'mobile-app' })).status).toBe(200);
  });

  it('of 10 concurrent refreshes with one refresh token one rotates, and all get its pair', async () => {
    const signIn = await passwordGrant('bob@example.com');
    const refreshToken = String(signIn.json?.refresh_token);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => refreshGrant(refreshToken)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const pairs = new Set(
      responses.map((response) => `${response.json?.access_token} ${response.json?.refresh_token}`),
    );
    expect(pairs.size).toBe(1);
  });

  it('requires the client_id of the sign-in (form field)', async () => {
    const signIn = await passwordGrant('carol@example.com', DEMO_PASSWORD, { client_id: 'app-a' });
    const refreshToken = String(signIn.json?.refresh_token);
    expectOauthError(await refreshGrant(refreshToken, { client_id: 'app-b' }), 'invalid_grant');
    expect((await refreshGrant(refreshToken, { client_id: 'app-a' })).status).toBe(200);
  });

  it('takes client_id from a header too', async () => {
    const signIn = await token(
      { grant_type: 'password', username: 'carol@example.com', password: DEMO_PASSWORD },
      { client_id: 'header-app' },
    );
    expect(signIn.status).toBe(200);
    const refreshToken = String(signIn.json?.refresh_token);
    expectOauthError(
      await refreshGrant(refreshToken, { client_id: 'carol@example.com' }),
      'invalid_grant',
    );
    expect(
      (
        await token(
          { grant_type: 'refresh_token', refresh_token: refreshToken },
          { client_id: 'header-app' },
        )
      ).status,
    ).toBe(200);
  });

  it('defaults client_id to the e-mail', async () => {
    const signIn = await passwordGrant('erin@example.com');
    const refreshToken = String(signIn.json?.refresh_token);
    expectOauthError(
      await refreshGrant(refreshToken, { client_id: 'some-other-client' }),
      'invalid_grant',
    );
    expect((await refreshGrant(refreshToken, { client_id: 'erin@example.com' })).status).toBe(200);
  });

  it('refuses garbage, an access token, and a missing refresh token with invalid_grant', async () => {
    const signIn = await passwordGrant('erin@example.com');
    expectOauthError(await refreshGrant('hdr_not-a-real-refresh-token'), 'invalid_grant');
    expectOauthError(await refreshGrant(String(signIn.json?.access_token)), 'invalid_grant');
    expectOauthError(await token({ grant_type: 'refresh_token' }), 'invalid_grant');
  });
});

describe('failure limits', () => {
  async function failTimes(username: string, times: number) {
    for (let i = 0; i < times; i++) {
      expectOauthError(await passwordGrant(username, wrongPassword), 'invalid_grant');
    }
  }

  it('locks an account out with 429 and Retry-After after 5 failures, even for the right password, until the window ends', async () => {
    await failTimes('erin@example.com', limits.perAccountAndIp);

    const locked = await passwordGrant('erin@example.com');
    expectOauthError(locked, 'too_many_requests', 429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(limits.windowMinutes * 60);
    expect(locked.text).not.toContain(DEMO_PASSWORD);

    const stillLocked = await passwordGrant('erin@example.com', wrongPassword);
    expect(stillLocked.status).toBe(429);
    expect(stillLocked.text).not.toContain(wrongPassword);

    // Other accounts from the same address are not affected.
    expect((await passwordGrant('alice@example.com')).status).toBe(200);

    const afterWindow = limits.windowMinutes * 60_000 + 1_000;
    h.advanceClock(afterWindow);
    try {
      expect((await passwordGrant('erin@example.com')).status).toBe(200);
    } finally {
      h.advanceClock(-afterWindow);
    }
  });

  it('counts failures for unknown e-mails too, so lockout does not reveal which accounts exist', async () => {
    await failTimes('ghost@example.com', limits.perAccountAndIp);
    expectOauthError(
      await passwordGrant('ghost@example.com', wrongPassword),
      'too_many_requests',
      429,
    );
  });

  it('starts counting again after a successful sign-in', async () => {
    await failTimes('carol@example.com', limits.perAccountAndIp - 1);
    expect((await passwordGrant('carol@example.com')).status).toBe(200);
    // Without the reset, the second of these would already be refused.
    await failTimes('carol@example.com', limits.perAccountAndIp);
    expectOauthError(await passwordGrant('carol@example.com'), 'too_many_requests', 429);
  });

  // Nineteen password checks (scrypt) and a password hashed: slow on a busy machine.
  it('does not count refusals that are not a wrong secret: missing code, forced reset, suspension', async () => {
    const member = await h.addTwoFactorMember('uncounted');
    for (let i = 0; i <= limits.perAccountAndIp; i++) {
      expectOauthError(await passwordGrant(member.email), 'two_factor_auth_check');
      expectOauthError(await passwordGrant('grace@example.com'), 'must_reset_password');
      expectOauthError(await passwordGrant('dave@example.com'), 'invalid_grant');
    }
    const signedIn = await passwordGrant(member.email, DEMO_PASSWORD, {
      totp: generateTotp(member.totpSecret),
    });
    expect(signedIn.status).toBe(200);
  }, 90_000);

  it('holds under concurrency: of 20 simultaneous wrong passwords for one account at most 5 are tried', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => passwordGrant('racer@example.com', wrongPassword)),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(limits.perAccountAndIp);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - limits.perAccountAndIp);
    expectOauthError(await passwordGrant('racer@example.com'), 'too_many_requests', 429);
  });

  it('limits one address across accounts, and leaves other addresses alone', async () => {
    const original = { request: h.ctx.request, config: h.ctx.config };
    h.ctx.request = { ip: '198.51.100.23', userAgent: 'hotdesk-tests' };
    h.ctx.config = { ...h.ctx.config, signInLimits: { ...limits, perIp: 3 } };
    try {
      await failTimes('ip-1@example.com', 1);
      await failTimes('ip-2@example.com', 1);
      await failTimes('ip-3@example.com', 1);
      const blocked = await passwordGrant('bob@example.com');
      expectOauthError(blocked, 'too_many_requests', 429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);

      h.ctx.request = { ip: '198.51.100.24', userAgent: 'hotdesk-tests' };
      expect((await passwordGrant('bob@example.com')).status).toBe(200);
    } finally {
      h.ctx.request = original.request;
      h.ctx.config = original.config;
    }
  });
});
