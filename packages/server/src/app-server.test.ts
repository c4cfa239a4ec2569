import { type AddressInfo } from 'node:net';
import { Agent, get, type IncomingHttpHeaders, type Server } from 'node:http';

import { generateSigningJwk } from '@hotdesk/auth';
import { createTestDatabase, type TestDatabase } from '@hotdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAppServer, type AppName } from './app-server';
import { MAX_BODY_BYTES } from './node-bridge';

let database: TestDatabase;
const servers: Server[] = [];
/** What reached the Next.js side of each server: everything the server does not answer itself. */
const toNext: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  // The API's fetch handlers build their services from the environment, as in the apps.
  process.env.DATABASE_URL = database.url;
  process.env.HOTDESK_JWKS = JSON.stringify({ keys: [await generateSigningJwk()] });
}, 120_000);

afterAll(async () => {
  for (const server of servers) server.close();
  await database?.drop();
});

async function start(app: AppName, ready: Promise<void> = Promise.resolve()): Promise<string> {
  const server = createAppServer({
    app,
    origin: 'http://localhost:3000',
    trustedProxyHops: 0,
    handleWithNext: async (req, res) => {
      toNext.push(`${app} ${req.method} ${req.url}`);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('next');
    },
    ready,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the app server', () => {
  it('answers the REST contract, the JWKS and health itself, with the API headers', async () => {
    const portal = await start('portal');
    const token = await fetch(`${portal}/api/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=bob@example.com&password=hotdesk-demo',
    });
    expect(token.status).toBe(200);
    expect(await token.json()).toMatchObject({ token_type: 'bearer' });
    expect(token.headers.get('content-security-policy')).toBe(
      `default-src 'none'; frame-ancestors 'none'`,
    );
    expect(token.headers.get('cache-control')).toBe('no-store');

    const jwks = await fetch(`${portal}/.well-known/jwks.json`);
    expect((await jwks.json()) as unknown).toMatchObject({ keys: [{ kty: 'OKP' }] });
    const health = await fetch(`${portal}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'up', app: 'portal' });

    const unknown = await fetch(`${portal}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'not_found' });
    const head = await fetch(`${portal}/api/openapi.json`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(toNext).toEqual([]);
  });

  it('hands pages, tRPC and everything else to Next.js', async () => {
    const portal = await start('portal');
    const admin = await start('admin');
    await fetch(`${portal}/sign-in?next=%2F`);
    await fetch(`${portal}/api/trpc/session.signIn`, { method: 'POST', body: '{}' });
    await fetch(`${admin}/.well-known/jwks.json`);
    const adminApi = await fetch(`${admin}/api/token`, { method: 'POST' });
    expect(adminApi.status).toBe(404);
    expect(await adminApi.json()).toMatchObject({ error: 'not_found' });
    expect(toNext.splice(0)).toEqual([
      'portal GET /sign-in?next=%2F',
      'portal POST /api/trpc/session.signIn',
      'admin GET /.well-known/jwks.json',
    ]);
  });

  it('keeps an idle connection open for a minute and says so, not Node’s 5 s', async () => {
    const portal = await start('portal');
    const headers = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
      get(`${portal}/api/health`, { agent: new Agent({ keepAlive: true }) }, (res) => {
        res.resume();
        resolve(res.headers);
      }).on('error', reject);
    });
    expect(headers.connection).toBe('keep-alive');
    expect(headers['keep-alive']).toBe('timeout=65');
  });

  it('refuses oversized and malformed requests without reaching the API', async () => {
    const portal = await start('portal');
    const big = await fetch(`${portal}/api/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'x'.repeat(MAX_BODY_BYTES + 1),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('holds requests until the app is ready, while health says it is starting', async () => {
    let markReady = () => {};
    const portal = await start('portal', new Promise<void>((resolve) => (markReady = resolve)));
    const starting = await fetch(`${portal}/api/health`);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toEqual({ status: 'starting', app: 'portal' });

    const waiting = fetch(`${portal}/api/openapi.json`);
    const page = fetch(`${portal}/`);
    const early = await Promise.race([waiting.then(() => 'answered'), delay(300, 'waiting')]);
    expect(early).toBe('waiting');
    markReady();
    expect((await waiting).status).toBe(200);
    expect(await (await page).text()).toBe('next');
    toNext.splice(0);
  });
});

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}
