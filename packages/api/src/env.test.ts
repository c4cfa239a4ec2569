import { describe, expect, it } from 'vitest';

import { configFromEnv } from './config';
import { readLogLevel, readServerEnv } from './env';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://hotdesk@db.internal:5432/hotdesk',
  HOTDESK_JWKS: '{"keys":[]}',
  HOTDESK_AUDIT_KEYS: '{"keys":[]}',
};

describe('the server environment', () => {
  it('runs on defaults alone outside production: the embedded database, generated keys', () => {
    const env = readServerEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      HOTDESK_PORTAL_URL: 'http://localhost:3000',
      HOTDESK_EMBEDDED_DB_PORT: 54329,
      HOTDESK_LOG_LEVEL: 'info',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.HOTDESK_JWKS).toBeUndefined();
    expect(() => readServerEnv({ NODE_ENV: 'test' })).not.toThrow();
  });

  it('refuses a production start without the database or the keys, naming each missing one', () => {
    expect(() => readServerEnv(production)).not.toThrow();
    for (const name of ['DATABASE_URL', 'HOTDESK_JWKS', 'HOTDESK_AUDIT_KEYS'] as const) {
      // That one, and nothing else; an empty value counts as missing.
      const only = new RegExp(`\\(see \\.env\\.example\\):\\n  ${name}: required in production$`);
      expect(() => readServerEnv({ ...production, [name]: undefined })).toThrow(only);
      expect(() => readServerEnv({ ...production, [name]: '' })).toThrow(only);
    }
    expect(() => readServerEnv({ NODE_ENV: 'production' })).toThrow(
      [
        'DATABASE_URL: required in production',
        'HOTDESK_JWKS: required in production',
        'HOTDESK_AUDIT_KEYS: required in production',
      ].join('\n  '),
    );
  });

  it("validates the database's settings as part of the one schema", () => {
    expect(() => readServerEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => readServerEnv({ HOTDESK_EMBEDDED_DB_PORT: '70000' })).toThrow(
      /HOTDESK_EMBEDDED_DB_PORT: must be a port number/,
    );
  });

  it('refuses a log level it does not know at boot; the early logger falls back to info', () => {
    expect(() => readServerEnv({ HOTDESK_LOG_LEVEL: 'debug' })).toThrow(/HOTDESK_LOG_LEVEL/);
    expect(readServerEnv({ HOTDESK_LOG_LEVEL: 'warn' }).HOTDESK_LOG_LEVEL).toBe('warn');
    expect(readLogLevel({ HOTDESK_LOG_LEVEL: 'debug' })).toBe('info');
    expect(readLogLevel({ HOTDESK_LOG_LEVEL: 'silent' })).toBe('silent');
  });

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

  it('sends no mail until SMTP_URL is set, and takes only an smtp:// or smtps:// URL', () => {
    expect(configFromEnv(readServerEnv({})).mail.smtpUrl).toBeNull();
    expect(
      configFromEnv(readServerEnv({ SMTP_URL: 'smtps://mailer:secret@mail.example.com:465' })).mail
        .smtpUrl,
    ).toBe('smtps://mailer:secret@mail.example.com:465');
    expect(() => readServerEnv({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL/);
    expect(() => readServerEnv({ SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL/);
  });

  it('keeps house every 10 minutes by default, and never forgets a counter that may still count', () => {
    expect(configFromEnv(readServerEnv({})).housekeeping).toEqual({
      intervalMinutes: 10,
      sessionRetentionDays: 7,
      rateLimitRetentionHours: 48,
      lookRetentionDays: 365,
      sentMailRetentionDays: 7,
    });
    expect(
      configFromEnv(readServerEnv({ HOTDESK_HOUSEKEEPING_MINUTES: '0' })).housekeeping
        .intervalMinutes,
    ).toBe(0);
    expect(() => readServerEnv({ HOTDESK_RATE_LIMIT_RETENTION_HOURS: '24' })).toThrow(
      /HOTDESK_RATE_LIMIT_RETENTION_HOURS/,
    );
    expect(
      configFromEnv(readServerEnv({ HOTDESK_SENT_MAIL_RETENTION_DAYS: '0' })).housekeeping
        .sentMailRetentionDays,
    ).toBe(0);
    for (const value of ['-1', '366', 'a week']) {
      expect(() => readServerEnv({ HOTDESK_SENT_MAIL_RETENTION_DAYS: value })).toThrow(
        /HOTDESK_SENT_MAIL_RETENTION_DAYS/,
      );
    }
  });

  it('keeps the record of what a view looked at for a year unless told otherwise, never for none', () => {
    const retention = (value: string) =>
      configFromEnv(readServerEnv({ HOTDESK_LOOK_RETENTION_DAYS: value })).housekeeping
        .lookRetentionDays;
    expect(retention('')).toBe(365);
    expect(retention('90')).toBe(90);
    expect(retention('3650')).toBe(3650);
    for (const value of ['0', '-1', '1.5', 'a year', '3651']) {
      expect(() => readServerEnv({ HOTDESK_LOOK_RETENTION_DAYS: value })).toThrow(
        /HOTDESK_LOOK_RETENTION_DAYS/,
      );
    }
  });
});
