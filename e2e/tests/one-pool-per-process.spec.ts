import { bearerOf, rest } from '../support/api';
import { useOwnSystem } from '../support/own-system';
import { DEMO_PASSWORD } from '../support/portal';
import { expect, test } from '../support/test';

// Its own system: one portal with a pool of two, and nothing else on its database.
const POOL_SIZE = 2;
const system = useOwnSystem({
  instances: [{ app: 'portal' }],
  env: { HOTDESK_DB_POOL_SIZE: String(POOL_SIZE) },
});

/** The portal's session cookie, from the sign-in its page sends (tRPC, served by Next.js). */
async function cookieOf(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/trpc/session.signIn`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl },
    body: JSON.stringify({ json: { email, password: DEMO_PASSWORD } }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

async function portalConnections(): Promise<number> {
  const [row] = await system().database.prisma.$queryRaw<Array<{ count: bigint }>>`
    SELECT count(*) AS "count" FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = 'hotdesk-portal'`;
  return Number(row?.count ?? 0);
}

test('the app process holds one pool of HOTDESK_DB_POOL_SIZE: Next.js pages and tRPC share it with the REST contract', async () => {
  const portal = system().instance('portal').url;
  const bearer = await bearerOf(portal, 'bob@example.com');
  const cookie = await cookieOf(portal, 'bob@example.com');
  // Busy on both paths at once: each would fill a pool of its own, if it had one.
  for (let round = 0; round < 3; round++) {
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, () =>
        rest(portal, 'GET', '/api/public/coworkers/profiles', { bearer }).then((r) => r.status),
      ),
      ...Array.from({ length: 8 }, () =>
        fetch(`${portal}/api/trpc/me`, { headers: { cookie } }).then(async (r) => {
          const body = (await r.json()) as { result?: { data?: { json?: { userId?: number } } } };
          return body.result?.data?.json?.userId ? r.status : `${r.status}, not signed in`;
        }),
      ),
    ]);
    expect(answers).toEqual(Array.from({ length: 16 }, () => 200));
  }
  const connections = await portalConnections();
  expect(connections).toBeGreaterThan(0);
  expect(connections).toBeLessThanOrEqual(POOL_SIZE);
});
