import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { DEMO_PASSWORD } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSystem, type HotdeskSystem } from './launcher';

/*
 * `pnpm dev`'s processes as `pnpm dev` runs them (the database task, both apps in development
 * through their app servers), on a throwaway database and free ports. Everything they print is
 * kept: no token, refresh token or one-time token may ever be in it (Next's dev server used to
 * print every request's URL, the exchange's token included).
 */
let system: HotdeskSystem;
const output: string[] = [];

beforeAll(async () => {
  const envFile = path.join(await mkdtemp(path.join(tmpdir(), 'hotdesk-env-')), '.env');
  // Two settings from the env file; the real environment overrides the second.
  await writeFile(
    envFile,
    'HOTDESK_SIGNIN_MAX_FAILURES_PER_ACCOUNT=2\nHOTDESK_SIGNIN_MAX_FAILURES_PER_IP=1\n',
  );
  system = await startSystem({
    mode: 'development',
    env: {
      // Pages compile on their first visit, which may take longer than a token's minute.
      HOTDESK_IMPERSONATION_TOKEN_SECONDS: '300',
      HOTDESK_ENV_FILE: envFile,
      HOTDESK_SIGNIN_MAX_FAILURES_PER_IP: '1000',
      HOTDESK_LOG_LEVEL: 'info',
    },
    onOutput: (name, line) => output.push(`[${name}] ${line}`),
    log: () => {},
  });
}, 300_000);

afterAll(async () => {
  await system?.stop();
});

const portal = () => system.instance('portal').url;
const admin = () => system.instance('admin').url;

async function passwordGrant(username: string, password = DEMO_PASSWORD) {
  const response = await fetch(`${portal()}/api/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username, password }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function trpc(baseUrl: string, procedure: string, input: unknown, cookie?: string) {
  const response = await fetch(`${baseUrl}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: baseUrl,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { result?: { data: { json: Record<string, string> } } };
  const cookies = response.headers.getSetCookie().map((header) => header.split(';')[0] ?? '');
  return { status: response.status, data: body.result?.data.json, cookies };
}

describe("pnpm dev's apps", () => {
  it('take settings from the env file, and the real environment wins over it', async () => {
    // The env file allows 2 failures per account (the default is 5)…
    expect((await passwordGrant('bob@example.com', 'wrong-1')).status).toBe(400);
    expect((await passwordGrant('bob@example.com', 'wrong-2')).status).toBe(400);
    expect((await passwordGrant('bob@example.com', 'wrong-3')).status).toBe(429);
    // …and would allow 1 per address, but the environment says 1000: another account still
    // gets its own answer from this address.
    expect((await passwordGrant('erin@example.com', 'wrong-1')).status).toBe(400);
  });

  it('never print what they issue: sessions, refresh tokens, one-time tokens', async () => {
    const issued = new Set<string>();
    const keep = (...values: Array<string | undefined>) => {
      for (const value of values) if (value && value.length >= 16) issued.add(value);
    };

    // The REST contract: sign-in, refresh, an operator grant and its exchange (token in the URL).
    const carol = await passwordGrant('carol@example.com');
    expect(carol.status).toBe(200);
    const refreshed = await fetch(`${portal()}/api/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: carol.body.refresh_token ?? '',
        client_id: 'carol@example.com',
      }),
    });
    const renewed = (await refreshed.json()) as Record<string, string>;
    keep(
      carol.body.access_token,
      carol.body.refresh_token,
      renewed.access_token,
      renewed.refresh_token,
    );
    const owner = await passwordGrant('owner@hotdesk.test');
    keep(owner.body.access_token, owner.body.refresh_token);
    const bob = await system.database.prisma.coworker.findFirstOrThrow({
      where: { email: 'bob@example.com' },
    });
    const grant = await fetch(`${portal()}/api/sys/users/impersonate?coworkerId=${bob.id}`, {
      headers: { Authorization: `Bearer ${owner.body.access_token}` },
    });
    const oneTime = ((await grant.json()) as { token: string }).token;
    keep(oneTime);
    const exchanged = await fetch(
      `${portal()}/api/sys/users/exchange?token=${oneTime}&validForInMinutes=10`,
      { method: 'POST' },
    );
    expect(exchanged.status).toBe(200);
    const view = (await exchanged.json()) as Record<string, string>;
    keep(view.token, view.refresh_token);

    // The apps' own flow over tRPC and pages: the admin grants, the portal redeems in a body,
    // then shows the view; and a page asked for with a token in its query string. The portal's
    // tRPC route compiles first, so that the grant is redeemed while it is fresh.
    expect((await fetch(`${portal()}/api/trpc/me`)).status).toBe(200);
    const signedIn = await trpc(admin(), 'session.signIn', {
      email: 'owner@hotdesk.test',
      password: DEMO_PASSWORD,
    });
    expect(signedIn.status).toBe(200);
    const adminCookie = signedIn.cookies.join('; ');
    const started = await trpc(admin(), 'impersonation.start', { coworkerId: bob.id }, adminCookie);
    expect(started.status).toBe(200);
    const appToken = started.data?.token;
    keep(appToken);
    const redeemed = await trpc(portal(), 'impersonation.exchange', { token: appToken });
    expect(redeemed.status).toBe(200);
    for (const cookie of [...signedIn.cookies, ...redeemed.cookies]) keep(cookie.split('=')[1]);
    const page = await fetch(`${portal()}/`, { headers: { Cookie: redeemed.cookies.join('; ') } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Bob Brown');
    await fetch(`${portal()}/impersonate?token=${encodeURIComponent(oneTime)}`);

    // Give the processes a moment to print what they would about those requests.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const printed = output.join('\n');
    expect(printed).toContain('"event":"http.request"');
    expect(printed).toContain('"path":"/api/sys/users/exchange"');
    expect(issued.size).toBeGreaterThanOrEqual(12);
    for (const secret of issued)
      expect(printed, 'an issued token was printed').not.toContain(secret);
    expect(printed).not.toMatch(/token=/);
  }, 300_000);
});
