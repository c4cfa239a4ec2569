import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDbEnv, resolveDatabaseUrl } from './env';
import { findRepoRoot } from './paths';

describe('database environment', () => {
  it('points at the embedded server and <repo>/.data when nothing is set', () => {
    const env = readDbEnv({});

    expect(resolveDatabaseUrl(env)).toBe('postgresql://postgres:postgres@127.0.0.1:54329/postgres');
    expect(env.dataDir).toBe(path.join(findRepoRoot(), '.data'));
    expect(env.testDatabaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/postgres');
  });

  it('prefers DATABASE_URL, and reads paths relative to the repository root', () => {
    const env = readDbEnv({
      DATABASE_URL: 'postgresql://app@db.internal:5432/hotdesk',
      HOTDESK_DATA_DIR: 'tmp/state',
      HOTDESK_EMBEDDED_DB_PORT: '60000',
    });

    expect(resolveDatabaseUrl(env)).toBe('postgresql://app@db.internal:5432/hotdesk');
    expect(env.dataDir).toBe(path.join(findRepoRoot(), 'tmp', 'state'));
    expect(env.embeddedPort).toBe(60000);
  });

  it('rejects a port that is not one, naming the variable', () => {
    for (const value of ['eighty', '0', '70000', '54.3']) {
      expect(() => readDbEnv({ HOTDESK_EMBEDDED_DB_PORT: value })).toThrow(
        /HOTDESK_EMBEDDED_DB_PORT: must be a port number/,
      );
    }
  });

  it('requires DATABASE_URL in production: never the embedded database there', () => {
    expect(() => readDbEnv({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL: required in production/,
    );
    expect(() => readDbEnv({ NODE_ENV: 'production', DATABASE_URL: '' })).toThrow(
      /DATABASE_URL: required in production/,
    );
    const env = readDbEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db.internal/h' });
    expect(env).toMatchObject({ production: true, databaseUrl: 'postgresql://db.internal/h' });
  });

  it('treats empty settings as unset, and CI=false as no CI', () => {
    const env = readDbEnv({ DATABASE_URL: ' ', HOTDESK_DATA_DIR: '', CI: 'false' });
    expect(env.databaseUrl).toBeUndefined();
    expect(env.dataDir).toBe(path.join(findRepoRoot(), '.data'));
    expect(env.ci).toBe(false);
    expect(readDbEnv({ CI: 'true' }).ci).toBe(true);
  });
});
