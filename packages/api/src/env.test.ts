import { describe, expect, it } from 'vitest';

import { configFromEnv } from './config';
import { readServerEnv } from './env';

describe('the server environment', () => {
  it('refuses HOTDESK_TRUST_PROXY, naming what replaced it', () => {
    for (const value of ['1', 'true', '0']) {
      expect(() => readServerEnv({ HOTDESK_TRUST_PROXY: value })).toThrow(
        /HOTDESK_TRUST_PROXY was replaced by HOTDESK_TRUSTED_PROXY_HOPS/,
      );
    }
    expect(() => readServerEnv({ HOTDESK_TRUST_PROXY: '' })).not.toThrow();
  });

  it('trusts no proxy by default, and a bounded number of hops when told', () => {
    expect(configFromEnv(readServerEnv({})).trustedProxyHops).toBe(0);
    expect(configFromEnv(readServerEnv({ HOTDESK_TRUSTED_PROXY_HOPS: '2' })).trustedProxyHops).toBe(
      2,
    );
    for (const value of ['-1', '1.5', 'two', '11']) {
      expect(() => readServerEnv({ HOTDESK_TRUSTED_PROXY_HOPS: value })).toThrow(
        /HOTDESK_TRUSTED_PROXY_HOPS/,
      );
    }
  });

  it('keeps 10 database connections per process unless told otherwise, and refuses nonsense', () => {
    expect(configFromEnv(readServerEnv({})).databasePoolSize).toBe(10);
    expect(configFromEnv(readServerEnv({ HOTDESK_DB_POOL_SIZE: '4' })).databasePoolSize).toBe(4);
    for (const value of ['0', '-2', '2.5', 'ten', '101']) {
      expect(() => readServerEnv({ HOTDESK_DB_POOL_SIZE: value })).toThrow(/HOTDESK_DB_POOL_SIZE/);
    }
  });

  it('keeps house every 10 minutes by default, and never forgets a counter that may still count', () => {
    expect(configFromEnv(readServerEnv({})).housekeeping).toEqual({
      intervalMinutes: 10,
      sessionRetentionDays: 7,
      rateLimitRetentionHours: 48,
    });
    expect(
      configFromEnv(readServerEnv({ HOTDESK_HOUSEKEEPING_MINUTES: '0' })).housekeeping
        .intervalMinutes,
    ).toBe(0);
    expect(() => readServerEnv({ HOTDESK_RATE_LIMIT_RETENTION_HOURS: '24' })).toThrow(
      /HOTDESK_RATE_LIMIT_RETENTION_HOURS/,
    );
  });
});
