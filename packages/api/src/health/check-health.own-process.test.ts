import { generateAuditJwk, generateSigningJwk } from '@hotdesk/auth';
import { readDbEnv } from '@hotdesk/db';
import { afterAll, describe, expect, it, vi } from 'vitest';

import { getRuntime } from '../runtime';
import { handleHealthRequest } from './check-health';

afterAll(async () => {
  await (await getRuntime().catch(() => null))?.db.$disconnect();
  vi.unstubAllEnvs();
});

describe('/api/health', () => {
  it('says the configuration is wrong, not that a reachable database is down', async () => {
    vi.stubEnv('DATABASE_URL', readDbEnv().testDatabaseUrl);
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('HOTDESK_JWKS', undefined);
    vi.stubEnv('HOTDESK_AUDIT_KEYS', JSON.stringify({ keys: [generateAuditJwk()] }));
    const misconfigured = await handleHealthRequest('portal');
    expect(misconfigured.status).toBe(503);
    expect(await misconfigured.json()).toEqual({
      status: 'misconfigured',
      configuration: 'invalid',
      app: 'portal',
    });

    vi.stubEnv('HOTDESK_JWKS', JSON.stringify({ keys: [await generateSigningJwk()] }));
    const healthy = await handleHealthRequest('portal');
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toEqual({ status: 'ok', database: 'up', app: 'portal' });
  });
});
