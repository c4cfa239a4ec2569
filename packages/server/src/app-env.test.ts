import { serverEnv } from '@hotdesk/api/env';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { validateAppEnv } from './app-env';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("each app's settings", () => {
  it('are the shared ones plus where the app listens: 3000 and 3001 unless told', () => {
    vi.stubEnv('HOTDESK_PORTAL_PORT', undefined);
    vi.stubEnv('HOTDESK_ADMIN_PORT', undefined);
    expect(validateAppEnv('portal', undefined).port).toBe(3000);
    expect(validateAppEnv('admin', undefined).port).toBe(3001);

    vi.stubEnv('HOTDESK_PORTAL_PORT', '4000');
    vi.stubEnv('HOTDESK_ADMIN_PORT', '4001');
    vi.stubEnv('HOTDESK_SESSION_DAYS', '9');
    const portal = validateAppEnv('portal', undefined);
    expect(portal.port).toBe(4000);
    expect(portal.env.HOTDESK_SESSION_DAYS).toBe(9);
    expect(validateAppEnv('admin', undefined).port).toBe(4001);
    expect(validateAppEnv('portal', '4100').port).toBe(4100);
  });

  it("name a bad port, whether the app's setting or --port", () => {
    vi.stubEnv('HOTDESK_ADMIN_PORT', 'eighty');
    expect(() => validateAppEnv('admin', undefined)).toThrow(
      /HOTDESK_ADMIN_PORT: must be a port number/,
    );
    // The other app's port is not the portal's business.
    expect(() => validateAppEnv('portal', undefined)).not.toThrow();
    expect(() => validateAppEnv('portal', '99999')).toThrow(/--port must be a port number/);
  });

  it('are validated once: what the API then reads is that validation', () => {
    vi.stubEnv('HOTDESK_TOKEN_ISSUER', 'validated-at-boot');
    const { env } = validateAppEnv('portal', undefined);
    vi.stubEnv('HOTDESK_TOKEN_ISSUER', 'changed-later');
    expect(serverEnv()).toBe(env);
    expect(serverEnv().HOTDESK_TOKEN_ISSUER).toBe('validated-at-boot');
  });
});
