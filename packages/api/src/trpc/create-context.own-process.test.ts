import { generateAuditJwk, generateSigningJwk } from '@hotdesk/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { exitImpersonation } from '../impersonation/exit-impersonation';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { createTrpcContext } from './create-context';

let h: ApiTestHarness;

beforeAll(async () => {
  h = await startApiTestHarness();
  // createTrpcContext builds its services from the environment, like the apps do.
  process.env.DATABASE_URL = h.url;
  process.env.HOTDESK_JWKS = JSON.stringify({ keys: [await generateSigningJwk()] });
  process.env.HOTDESK_AUDIT_KEYS = JSON.stringify({ keys: [generateAuditJwk()] });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function contextFor(method: 'GET' | 'POST', cookies: Record<string, string>) {
  const resHeaders = new Headers();
  const req = new Request('http://localhost:3000/api/trpc/profiles.updateDetails', {
    method,
    headers: {
      cookie: Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
      origin: 'http://localhost:3000',
    },
  });
  return { ctx: await createTrpcContext({ req, resHeaders, app: 'portal' }), resHeaders };
}

describe('portal cookies', () => {
  it('a live impersonation cookie wins over the session underneath it', async () => {
    const alice = await h.signIn('alice@example.com');
    const viewing = await impersonateViaRest(h, alice, await h.coworkerIdOf('bob@example.com'), {
      kind: 'team-admin',
    });
    const { ctx } = await contextFor('GET', {
      hotdesk_portal_session: alice.accessToken,
      hotdesk_portal_impersonation: viewing.accessToken,
    });
    expect(ctx.actor?.impersonation?.id).toBe(viewing.impersonationId);
  });

  it('after the impersonation ends, reads fall back to the own session but changes are refused', async () => {
    const alice = await h.signIn('alice@example.com');
    const viewing = await impersonateViaRest(h, alice, await h.coworkerIdOf('bob@example.com'), {
      kind: 'team-admin',
    });
    await exitImpersonation(h.ctx, await h.actorOf(viewing.accessToken));
    const cookies = {
      hotdesk_portal_session: alice.accessToken,
      hotdesk_portal_impersonation: viewing.accessToken,
    };

    const read = await contextFor('GET', cookies);
    expect(read.ctx.actor?.userId).toBe(alice.actor.userId);
    expect(read.ctx.actor?.impersonation).toBeNull();
    expect(read.resHeaders.get('set-cookie')).toMatch(/hotdesk_portal_impersonation=;.*Max-Age=0/);

    const write = await contextFor('POST', cookies);
    expect(write.ctx.actor).toBeNull();
  });
});

describe('the host typed', () => {
  const contextAt = (app: 'admin' | 'portal', origin: string) =>
    createTrpcContext({
      req: new Request(`${origin}/api/trpc/session.signIn`, {
        method: 'POST',
        headers: { host: new URL(origin).host, origin },
      }),
      resHeaders: new Headers(),
      app,
    });

  it('at 127.0.0.1, hands over to the other app at 127.0.0.1 and counts as the same origin', async () => {
    const admin = await contextAt('admin', 'http://127.0.0.1:3001');
    expect(admin.config.portalUrl).toBe('http://127.0.0.1:3000');
    expect(admin.config.adminUrl).toBe('http://127.0.0.1:3001');
    expect(admin.sameOrigin).toBe(true);
    const portal = await contextAt('portal', 'http://127.0.0.1:3000');
    expect(portal.config.adminUrl).toBe('http://127.0.0.1:3001');
  });

  it('elsewhere, keeps the configured URLs whatever the Host header says', async () => {
    const forged = await createTrpcContext({
      req: new Request('http://localhost:3001/api/trpc/session.signIn', {
        method: 'POST',
        headers: { host: 'evil.example', origin: 'http://evil.example' },
      }),
      resHeaders: new Headers(),
      app: 'admin',
    });
    expect(forged.config.portalUrl).toBe('http://localhost:3000');
    expect(forged.sameOrigin).toBe(false);
  });
});
