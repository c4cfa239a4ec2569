import { setTimeout as sleep } from 'node:timers/promises';

import { generateSigningJwk } from '@hotdesk/auth';
import { DEMO_PASSWORD } from '@hotdesk/db';
import { createTestDatabase, type TestDatabase } from '@hotdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { settleAuditSealing } from '../../src/audit/audit-sealer';
import { setLogSink, type LogSink } from '../../src/logging/logger';
import { handleRestRequest } from '../../src/rest';
import { getRuntime } from '../../src/runtime';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { cookieValue, origins, trpc } from './app-runtime';
import { recordAttack, Tally } from './attack-log';

/**
 * The database goes away under load (a TCP proxy in front of it is cut, as a restart or a
 * network fault would): every request that cannot reach it answers 503 with Retry-After,
 * REST and tRPC alike, never a 500; the log says so in one line per request, without the
 * driver's text; and once the database is back the same process serves again by itself.
 */

let database: TestDatabase;
let proxy: TcpProxy;
let bearer: string;
let cookie: string;
const logLines: string[] = [];
let previousSink: LogSink | undefined;

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  const server = new URL(database.url);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const proxied = new URL(database.url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  vi.stubEnv('DATABASE_URL', proxied.toString());
  vi.stubEnv('HOTDESK_JWKS', JSON.stringify({ keys: [await generateSigningJwk()] }));
  vi.stubEnv('HOTDESK_PORTAL_URL', origins.portal);
  vi.stubEnv('HOTDESK_ADMIN_URL', origins.admin);

  const token = await handleRestRequest(
    new Request(`${origins.portal}/api/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: 'carol@example.com',
        password: DEMO_PASSWORD,
      }),
    }),
  );
  bearer = String(((await token.json()) as { access_token: string }).access_token);
  const signedIn = await trpc('portal', 'session.signIn', {
    input: { email: 'alice@example.com', password: DEMO_PASSWORD },
    headers: { origin: origins.portal },
  });
  cookie = `hotdesk_portal_session=${cookieValue(signedIn.setCookies, 'hotdesk_portal_session')}`;
  await settleAuditSealing((await getRuntime()).db);
  previousSink = setLogSink((line) => logLines.push(line));
}, 120_000);

afterAll(async () => {
  if (previousSink) setLogSink(previousSink);
  await proxy?.restore().catch(() => undefined);
  const runtime = await getRuntime().catch(() => null);
  await runtime?.db.$disconnect();
  await proxy?.close();
  await database?.drop();
  vi.unstubAllEnvs();
});

interface Answer {
  transport: 'rest' | 'trpc';
  status: number;
  retryAfter: string | null;
  code: string;
}

async function restProfiles(): Promise<Answer> {
  const response = await handleRestRequest(
    new Request(`${origins.portal}/api/public/coworkers/profiles`, {
      headers: { Authorization: `Bearer ${bearer}` },
    }),
  );
  const body = (await response.json()) as { error?: string };
  return {
    transport: 'rest',
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: body.error ?? 'OK',
  };
}

async function trpcProfiles(): Promise<Answer> {
  const answer = await trpc('portal', 'profiles.list', { cookie });
  return {
    transport: 'trpc',
    status: answer.status,
    retryAfter: answer.headers.get('retry-after'),
    code: answer.code,
  };
}

/** `workers` loops of REST and tRPC profile reads until `stop` resolves. */
async function load(workers: number, stop: Promise<unknown>) {
  const answers: Array<Answer & { at: number }> = [];
  let running = true;
  void stop.then(() => (running = false));
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; running; i++) {
        const answer = await ((worker + i) % 2 === 0 ? restProfiles() : trpcProfiles());
        answers.push({ ...answer, at: performance.now() });
        await sleep(5);
      }
    }),
  );
  return answers;
}

describe('a database outage under load', () => {
  it('answers 503 with Retry-After while the database is away, logs one line each, and recovers', async () => {
    const phases: Record<string, number> = {};
    const script = (async () => {
      await sleep(1_000);
      phases.cut = performance.now();
      await proxy.cut();
      await sleep(2_500);
      phases.restored = performance.now();
      await proxy.restore();
      await sleep(3_000);
    })();
    const answers = await load(6, script);

    const tally = new Tally();
    for (const answer of answers) tally.add(`${answer.transport} ${answer.status}`);
    const before = answers.filter((answer) => answer.at < phases.cut!);
    const during = answers.filter(
      (answer) => answer.at > phases.cut! && answer.at < phases.restored!,
    );
    // The pool reconnects on the next request after the proxy is back; give it a second.
    const settled = answers.filter((answer) => answer.at > phases.restored! + 1_000);
    const unavailable = answers.filter((answer) => answer.status === 503);
    const outageLines = logLines.filter((line) => line.includes('"database.unavailable"'));
    recordAttack('the database cut under load (TCP proxy, 2.5 s), REST and tRPC reads', {
      tried: answers.length,
      outcome: `${tally.summary()}; ${outageLines.length} one-line log entries; after: ${settled.filter((answer) => answer.status === 200).length}/${settled.length} 200`,
    });

    expect(answers.filter((answer) => answer.status >= 500 && answer.status !== 503)).toEqual([]);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((answer) => answer.status === 200)).toBe(true);
    expect(
      during.filter((answer) => answer.transport === 'rest' && answer.status === 503).length,
    ).toBeGreaterThan(0);
    expect(
      during.filter((answer) => answer.transport === 'trpc' && answer.status === 503).length,
    ).toBeGreaterThan(0);
    for (const answer of unavailable) {
      expect(answer.retryAfter, JSON.stringify(answer)).toMatch(/^\d+$/);
      expect(answer.code).toBe(answer.transport === 'rest' ? 'unavailable' : 'SERVICE_UNAVAILABLE');
    }
    expect(settled.length).toBeGreaterThan(0);
    expect(settled.every((answer) => answer.status === 200)).toBe(true);

    expect(outageLines).toHaveLength(unavailable.length);
    for (const line of outageLines) {
      expect(line.length).toBeLessThan(300);
      expect(line).not.toMatch(/prisma|invocation|\\n/i);
    }
    expect(logLines.filter((line) => line.includes('unexpected_error'))).toEqual([]);
  });
});
