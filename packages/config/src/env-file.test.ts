import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { applyEnvFile, envFilePath, loadEnvFile, repoRoot } from './env-file';

describe('the env file', () => {
  it('is the root .env unless HOTDESK_ENV_FILE names another (relative to the repository) or off', () => {
    expect(envFilePath({})).toBe(path.join(repoRoot, '.env'));
    expect(repoRoot).toBe(path.resolve(import.meta.dirname, '../../..'));
    expect(envFilePath({ HOTDESK_ENV_FILE: 'deploy/.env.staging' })).toBe(
      path.join(repoRoot, 'deploy/.env.staging'),
    );
    expect(envFilePath({ HOTDESK_ENV_FILE: '/etc/hotdesk.env' })).toBe('/etc/hotdesk.env');
    expect(envFilePath({ HOTDESK_ENV_FILE: 'off' })).toBeNull();
  });

  it('sets what the environment does not, and the real environment wins, even when empty', () => {
    const env: NodeJS.ProcessEnv = { HOTDESK_LOG_LEVEL: 'warn', DATABASE_URL: '' };
    const applied = applyEnvFile(
      [
        '# comment',
        'HOTDESK_LOG_LEVEL=error',
        'DATABASE_URL=postgresql://example/real',
        'HOTDESK_PORTAL_URL="https://portal.example.com"',
      ].join('\n'),
      env,
    );
    expect(applied).toEqual(['HOTDESK_PORTAL_URL']);
    expect(env).toEqual({
      HOTDESK_LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      HOTDESK_PORTAL_URL: 'https://portal.example.com',
    });
  });

  it('loads the chosen file, and a missing file is no error', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hotdesk-env-'));
    const file = path.join(dir, 'custom.env');
    writeFileSync(file, 'HOTDESK_SESSION_DAYS=9\n');
    const env: NodeJS.ProcessEnv = { HOTDESK_ENV_FILE: file };
    expect(loadEnvFile(env)).toEqual({ path: file, applied: ['HOTDESK_SESSION_DAYS'] });
    expect(env.HOTDESK_SESSION_DAYS).toBe('9');
    expect(loadEnvFile({ HOTDESK_ENV_FILE: path.join(dir, 'missing.env') })).toBeNull();
    expect(loadEnvFile({ HOTDESK_ENV_FILE: 'off' })).toBeNull();
  });
});
