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

  it('rejects a port that is not one', () => {
    expect(() => readDbEnv({ HOTDESK_EMBEDDED_DB_PORT: 'eighty' })).toThrow(/port number/);
  });
});
