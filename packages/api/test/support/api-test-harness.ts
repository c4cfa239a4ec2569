import { randomBytes } from 'node:crypto';

import {
  AuditKeyRing,
  generateAuditJwk,
  generateSigningJwk,
  generateTotp,
  generateTotpSecret,
  hashPassword,
  loadKeySetFromJson,
  type KeySet,
} from '@hotdesk/auth';
import { DEMO_PASSWORD, type PrismaClient } from '@hotdesk/db';
import { createTestDatabase } from '@hotdesk/db/testing';

import { settleAuditSealing } from '../../src/audit/audit-sealer';
import { attachAuditTrail } from '../../src/audit/audit-trail';
import { settleLookRecording } from '../../src/looks/look-recorder';
import { configFromEnv, type HotdeskConfig } from '../../src/config';
import { type ServiceContext } from '../../src/context';
import { readServerEnv } from '../../src/env';
import { auditTrailFor } from '../../src/runtime';
import { dispatchRestRequest } from '../../src/rest/rest-router';
import { type Actor } from '../../src/sessions/actor';
import { authenticateAccessToken } from '../../src/sessions/authenticate';
import { signInWithPassword } from '../../src/sessions/sign-in';

export interface RestCall {
  bearer?: string;
  query?: Record<string, string | number>;
  body?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Other services to answer with (another configuration, a database out of reach). */
  ctx?: ServiceContext;
}

export interface RestAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown> | null;
}

/** A REST answer, read: its status, headers, body as text and, if any, as JSON. */
export async function answerOf(response: Response): Promise<RestAnswer> {
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  actor: Actor;
}

/**
 * A throwaway, migrated and seeded PostgreSQL database with the real services on top:
 * real keys, real hashing, the REST dispatcher. Time can be moved for expiry tests.
 */
export async function startApiTestHarness(overrides: Partial<HotdeskConfig> = {}) {
  const database = await createTestDatabase({ seed: true });
  const jwks = JSON.stringify({ keys: [await generateSigningJwk()] });
  const keys: KeySet = await loadKeySetFromJson(jwks);
  // Abuse limits that a long test file would trip are lifted unless a test sets its own.
  const config = {
    ...configFromEnv(readServerEnv({})),
    exchangeFailuresPerIp: { limit: 100_000, windowMinutes: 15 },
    grantsPerActor: { limit: 100_000, windowMinutes: 60 },
    ...overrides,
  };
  // The deployment's own audit keys, as HOTDESK_AUDIT_KEYS would hold them.
  const auditKeyDocument = { keys: [generateAuditJwk()] };
  const auditKeys = AuditKeyRing.fromDocument(auditKeyDocument);
  attachAuditTrail(database.prisma, auditTrailFor(config, keys, auditKeys));
  let offsetMs = 0;
  const ctx: ServiceContext = {
    db: database.prisma,
    keys,
    config,
    now: () => new Date(Date.now() + offsetMs),
    request: { ip: '203.0.113.7', userAgent: 'hotdesk-tests' },
  };

  const harness = {
    ctx,
    db: database.prisma as PrismaClient,
    keys,
    auditKeys,
    /** What HOTDESK_JWKS and HOTDESK_AUDIT_KEYS would hold for this deployment. */
    jwks,
    auditKeyDocument,
    /** Moves the services' clock forward (tokens and sessions see the future). */
    advanceClock(ms: number) {
      offsetMs += ms;
    },
    /**
     * Signs in with the demo password (and, for a two-factor account, the current code: a code
     * is accepted once, so such an account signs in here once per 30 seconds; tests that need
     * two-factor sign-ins make their own accounts with `addTwoFactorMember`).
     */
    async signIn(email: string, audience: 'PORTAL' | 'ADMIN' = 'PORTAL'): Promise<SignedIn> {
      const user = await database.prisma.user.findUniqueOrThrow({ where: { email } });
      const session = await signInWithPassword(ctx, {
        email,
        password: DEMO_PASSWORD,
        totp: user.totpSecret ? generateTotp(user.totpSecret) : undefined,
        audience,
        transport: audience === 'ADMIN' ? 'cookie' : 'bearer',
      });
      const actor = await authenticateAccessToken(ctx, session.accessToken);
      if (!actor) throw new Error(`could not authenticate ${email}`);
      return {
        accessToken: session.accessToken,
        refreshToken: session.refreshToken,
        sessionId: session.sessionId,
        actor,
      };
    },
    async actorOf(accessToken: string): Promise<Actor> {
      const actor = await authenticateAccessToken(ctx, accessToken);
      if (!actor) throw new Error('token does not authenticate');
      return actor;
    },
    async rest(method: string, path: string, call: RestCall = {}): Promise<RestAnswer> {
      const url = new URL(path, 'http://portal.test');
      for (const [key, value] of Object.entries(call.query ?? {}))
        url.searchParams.set(key, String(value));
      const headers = new Headers(call.headers);
      if (call.bearer !== undefined) headers.set('Authorization', `Bearer ${call.bearer}`);
      let body: string | undefined;
      if (call.form) {
        headers.set('Content-Type', 'application/x-www-form-urlencoded');
        body = new URLSearchParams(call.form).toString();
      } else if (call.body !== undefined) {
        headers.set('Content-Type', 'application/json');
        body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
      }
      const request = new Request(url, { method, headers, body });
      return answerOf(await dispatchRestRequest(call.ctx ?? ctx, request));
    },
    /** A member at Downtown Hub with two-factor on, of the calling test's own. */
    async addTwoFactorMember(name: string) {
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const email = `${slug}-${randomBytes(4).toString('hex')}@example.com`;
      const totpSecret = generateTotpSecret();
      const location = await database.prisma.location.findUniqueOrThrow({
        where: { webAddress: 'downtown' },
      });
      const user = await database.prisma.user.create({
        data: {
          email,
          fullName: name,
          passwordHash: await hashPassword(DEMO_PASSWORD),
          totpSecret,
          coworkers: { create: { locationId: location.id, fullName: name, email } },
        },
        select: { id: true, coworkers: { select: { id: true } } },
      });
      return { email, totpSecret, userId: user.id, coworkerId: user.coworkers[0]!.id };
    },
    async coworkerIdOf(email: string, locationWebAddress = 'downtown'): Promise<number> {
      const coworker = await database.prisma.coworker.findFirstOrThrow({
        where: { email, location: { webAddress: locationWebAddress } },
        select: { id: true },
      });
      return coworker.id;
    },
    url: database.url,
    close: async () => {
      await settleLookRecording(database.prisma);
      await settleAuditSealing(database.prisma);
      await database.drop();
    },
  };
  return harness;
}

export type ApiTestHarness = Awaited<ReturnType<typeof startApiTestHarness>>;
