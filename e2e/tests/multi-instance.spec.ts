import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { bearerOf, grantIdOf, rest, trpcMutation } from '../support/api';
import { useOwnSystem } from '../support/own-system';
import { expect, test } from '../support/test';

// Two portal instances on one PostgreSQL, behind one (simulated) load balancer that appends
// the client's address to X-Forwarded-For: each request says which client it comes from.
const system = useOwnSystem({
  instances: [
    { app: 'portal', name: 'portal-a' },
    { app: 'portal', name: 'portal-b' },
  ],
  env: {
    HOTDESK_TRUSTED_PROXY_HOPS: '1',
    HOTDESK_GRANTS_PER_ACTOR_PER_HOUR: '4',
    HOTDESK_EXCHANGE_MAX_FAILURES_PER_IP: '3',
  },
});
test.describe.configure({ mode: 'serial' });

const a = () => system().instance('portal-a').url;
const b = () => system().instance('portal-b').url;
const exchangePath = (token: string) =>
  `/api/sys/users/exchange?token=${encodeURIComponent(token)}&validForInMinutes=10`;

async function bobId(bearer: string): Promise<number> {
  const teams = await rest(a(), 'GET', '/api/public/teams/my?isTeamAdmin=true', { bearer });
  const records = teams.body?.Records as Array<{
    AllTeamMembers: Array<{ Id: number; FullName: string }>;
  }>;
  const bob = records
    .flatMap((team) => team.AllTeamMembers)
    .find((m) => m.FullName === 'Bob Brown');
  expect(bob, 'Bob in Alice’s team').toBeTruthy();
  return bob!.Id;
}

async function grant(baseUrl: string, bearer: string, coworkerId: number) {
  const answer = await rest(baseUrl, 'GET', `/api/sys/users/impersonate?coworkerId=${coworkerId}`, {
    bearer,
    forwardedFor: '198.51.100.10',
  });
  return { status: answer.status, token: String(answer.body?.token) };
}

test('a token redeemed on one instance is refused on the other, also when both race for it', async () => {
  const owner = await bearerOf(a(), 'owner@hotdesk.test', '198.51.100.10');
  const bob = await bobId(await bearerOf(b(), 'alice@example.com', '198.51.100.11'));

  const first = await grant(a(), owner, bob);
  expect(first.status).toBe(200);
  expect((await rest(b(), 'POST', exchangePath(first.token))).status).toBe(200);
  expect((await rest(a(), 'POST', exchangePath(first.token))).status).toBe(401);

  // Six clients redeem one token at once, spread over both instances: exactly one wins.
  const raced = await grant(b(), owner, bob);
  const answers = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      rest(i % 2 ? a() : b(), 'POST', exchangePath(raced.token), {
        forwardedFor: `198.51.100.${20 + i}`,
      }),
    ),
  );
  expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401, 401, 401, 401]);
});

test('the per-actor grant limit counts grants on both instances', async () => {
  const operator = await bearerOf(b(), 'admin@downtown.hotdesk.test', '198.51.100.12');
  const bob = await bobId(await bearerOf(a(), 'alice@example.com', '198.51.100.11'));
  const statuses: number[] = [];
  for (const baseUrl of [a(), b(), a(), b(), a(), b()]) {
    statuses.push((await grant(baseUrl, operator, bob)).status);
  }
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
});

test('the per-address limit counts failures on both instances', async () => {
  const statuses: number[] = [];
  for (const [i, baseUrl] of [a(), b(), a(), b(), a()].entries()) {
    const answer = await rest(baseUrl, 'POST', exchangePath(`forged-${i}`), {
      forwardedFor: '203.0.113.77',
    });
    statuses.push(answer.status);
  }
  expect(statuses).toEqual([401, 401, 401, 429, 429]);
  // Another client behind the same load balancer is not affected.
  expect(
    (await rest(b(), 'POST', exchangePath('forged'), { forwardedFor: '203.0.113.78' })).status,
  ).toBe(401);
});

test('revoking a view on one instance ends it on the other at once', async () => {
  const alice = await bearerOf(a(), 'alice@example.com', '198.51.100.11');
  const bob = await bobId(alice);
  const granted = await rest(a(), 'GET', `/api/public/coworkers/${bob}/impersonate`, {
    bearer: alice,
  });
  expect(granted.status).toBe(200);
  const token = String(granted.body?.token);
  const exchanged = await rest(b(), 'POST', exchangePath(token));
  expect(exchanged.status).toBe(200);
  const view = String(exchanged.body?.token);
  expect((await rest(b(), 'GET', '/api/public/coworkers/profiles', { bearer: view })).status).toBe(
    200,
  );

  const revoked = await trpcMutation(
    a(),
    'impersonation.revoke',
    { impersonationId: grantIdOf(token) },
    { bearer: alice, forwardedFor: '198.51.100.11' },
  );
  expect(revoked.status).toBe(200);
  expect((await rest(b(), 'GET', '/api/public/coworkers/profiles', { bearer: view })).status).toBe(
    401,
  );
});

test('the audit log of both instances verifies as one chain afterwards (pnpm audit:verify)', async () => {
  const apiDir = path.resolve(import.meta.dirname, '../../packages/api');
  // The command `pnpm audit:verify --seal` runs, against this system's database and with the
  // keys its instances use (as a deployment sets them), not a development key of its own.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'src/cli/audit-verify.ts', '--seal'],
    {
      cwd: apiDir,
      env: {
        ...process.env,
        DATABASE_URL: system().database.url,
        HOTDESK_JWKS: system().jwks,
        HOTDESK_AUDIT_KEYS: system().auditKeys,
        HOTDESK_ENV_FILE: 'off',
      },
    },
  );
  expect(stdout).toContain('OK: no edited, inserted or deleted events.');
  expect(stdout).toMatch(/Audit events checked: [1-9]\d*/);
});
