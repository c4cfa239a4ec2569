import { generateAuditJwk, generateSigningJwk } from '@hotdesk/auth';
import { DEMO_PASSWORD } from '@hotdesk/db';
import { createTestDatabase, type TestDatabase } from '@hotdesk/db/testing';
import superjson from 'superjson';
import { afterAll, beforeAll, expect, vi } from 'vitest';

import { settleAuditSealing } from '../../src/audit/audit-sealer';
import { adminRouter, handleAdminTrpcRequest } from '../../src/admin';
import { settleLookRecording } from '../../src/looks/look-recorder';
import { handlePortalTrpcRequest, portalRouter } from '../../src/portal';
import { getRuntime } from '../../src/runtime';
import { proceduresOf } from './attack-fixtures';

/**
 * The apps' real request path for attacks on it: `handle*TrpcRequest` (fetchRequestHandler and
 * the real `createTrpcContext`, with its cookies and Origin / Sec-Fetch-Site check) and the
 * REST entry point, on the process runtime pointed at a throwaway database through the env.
 */

export const origins = { portal: 'http://localhost:3000', admin: 'http://localhost:3001' } as const;
export type App = keyof typeof origins;

export interface TrpcAnswer {
  status: number;
  code: string;
  data: unknown;
  setCookies: string[];
  headers: Headers;
}

export async function trpc(
  app: App,
  path: string,
  options: {
    input?: unknown;
    cookie?: string;
    bearer?: string;
    headers?: Record<string, string>;
    method?: 'GET' | 'POST';
    contentType?: string;
  } = {},
): Promise<TrpcAnswer> {
  const router = app === 'admin' ? adminRouter : portalRouter;
  const type = proceduresOf(router).find((p) => p.path === path)?.type ?? 'mutation';
  const method = options.method ?? (type === 'query' ? 'GET' : 'POST');
  const url = new URL(`/api/trpc/${path}`, origins[app]);
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set('cookie', options.cookie);
  if (options.bearer) headers.set('authorization', `Bearer ${options.bearer}`);
  const serialized = JSON.stringify(superjson.serialize(options.input));
  let body: string | undefined;
  if (method === 'GET') url.searchParams.set('input', serialized);
  else {
    body = serialized;
    headers.set('content-type', options.contentType ?? 'application/json');
  }
  const request = new Request(url, { method, headers, body });
  const response =
    app === 'admin'
      ? await handleAdminTrpcRequest(request)
      : await handlePortalTrpcRequest(request);
  const parsed = JSON.parse(await response.text()) as {
    result?: { data?: { json?: unknown } };
    error?: { json?: { data?: { code?: string } } };
  };
  return {
    status: response.status,
    code: parsed.error ? (parsed.error.json?.data?.code ?? 'ERROR') : 'OK',
    data: parsed.result?.data?.json,
    setCookies: response.headers.getSetCookie(),
    headers: response.headers,
  };
}

export function cookieValue(setCookies: string[], name: string): string {
  const line = setCookies.find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie in ${setCookies.join(' | ')}`);
  return line.slice(name.length + 1).split(';')[0] ?? '';
}

async function signInCookie(app: App, email: string): Promise<string> {
  const answer = await trpc(app, 'session.signIn', {
    input: { email, password: DEMO_PASSWORD },
    headers: { origin: origins[app] },
  });
  expect(answer.code, `sign-in of ${email}`).toBe('OK');
  expect(JSON.stringify(answer.data)).not.toMatch(/hds_/);
  return cookieValue(answer.setCookies, `hotdesk_${app}_session`);
}

export interface AppRuntime {
  /** `Cookie` header values of live app sessions. */
  cookies: Record<'alice' | 'carol' | 'ownerAdmin' | 'impersonation', string>;
  /** The raw session tokens inside those cookies. */
  tokens: Record<'alice' | 'ownerAdmin' | 'impersonation', string>;
  ids: { alice: number; bob: number; carolRiverside: number; downtown: number; acme: number };
}

/**
 * Migrates and seeds a throwaway database, points the process runtime at it (DATABASE_URL,
 * HOTDESK_JWKS, HOTDESK_AUDIT_KEYS) and signs in through the apps themselves: alice and carol on the portal, the
 * owner on the admin app, and an impersonation of bob in the portal's impersonation cookie.
 */
export function useAppRuntime(): AppRuntime {
  const world = { cookies: {}, tokens: {} } as AppRuntime;
  const { cookies, tokens } = world;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase({ seed: true });
    vi.stubEnv('DATABASE_URL', database.url);
    vi.stubEnv('HOTDESK_JWKS', JSON.stringify({ keys: [await generateSigningJwk()] }));
    vi.stubEnv('HOTDESK_AUDIT_KEYS', JSON.stringify({ keys: [generateAuditJwk()] }));
    vi.stubEnv('HOTDESK_PORTAL_URL', origins.portal);
    vi.stubEnv('HOTDESK_ADMIN_URL', origins.admin);
    const runtime = await getRuntime();
    const coworker = (email: string, webAddress = 'downtown') =>
      runtime.db.coworker.findFirstOrThrow({
        where: { email, location: { webAddress } },
        select: { id: true },
      });
    world.ids = {
      alice: (await coworker('alice@example.com')).id,
      bob: (await coworker('bob@example.com')).id,
      carolRiverside: (await coworker('carol@example.com', 'riverside')).id,
      downtown: (await runtime.db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } }))
        .id,
      acme: (await runtime.db.team.findFirstOrThrow({ where: { name: 'Acme' } })).id,
    };
    tokens.alice = await signInCookie('portal', 'alice@example.com');
    cookies.alice = `hotdesk_portal_session=${tokens.alice}`;
    cookies.carol = `hotdesk_portal_session=${await signInCookie('portal', 'carol@example.com')}`;
    tokens.ownerAdmin = await signInCookie('admin', 'owner@hotdesk.test');
    cookies.ownerAdmin = `hotdesk_admin_session=${tokens.ownerAdmin}`;
    const started = await trpc('admin', 'impersonation.start', {
      input: { coworkerId: world.ids.bob },
      cookie: cookies.ownerAdmin,
      headers: { origin: origins.admin },
    });
    expect(started.code).toBe('OK');
    const exchanged = await trpc('portal', 'impersonation.exchange', {
      input: { token: (started.data as { token: string }).token },
      headers: { origin: origins.portal },
    });
    expect(exchanged.code).toBe('OK');
    tokens.impersonation = cookieValue(exchanged.setCookies, 'hotdesk_portal_impersonation');
    cookies.impersonation = `hotdesk_portal_impersonation=${tokens.impersonation}`;
  }, 120_000);

  afterAll(async () => {
    const runtime = await getRuntime().catch(() => null);
    if (runtime) {
      await settleLookRecording(runtime.db);
      await settleAuditSealing(runtime.db);
      await runtime.db.$disconnect();
    }
    await database?.drop();
    vi.unstubAllEnvs();
  });
  return world;
}
