import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { generateAuditJwk, generateSigningJwk } from '@hotdesk/auth';
import { repoRoot } from '@hotdesk/config/env-file';
import { readDbEnv } from '@hotdesk/db';
import { describe, expect, it } from 'vitest';

import { freePort } from './launcher/free-port';

const run = promisify(execFile);

/** Starts the portal's real process in production, as `pnpm start` does, and waits for it to end. */
async function startPortal(settings: Record<string, string | undefined>) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOTDESK_ENV_FILE: 'off',
    DATABASE_URL: readDbEnv().testDatabaseUrl,
    HOTDESK_JWKS: JSON.stringify({ keys: [await generateSigningJwk()] }),
    HOTDESK_AUDIT_KEYS: JSON.stringify({ keys: [generateAuditJwk()] }),
    ...settings,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const args = ['--import', 'tsx', 'server.ts', '--port', String(await freePort())];
  try {
    // A start that passed the checks would run until stopped: the timeout fails the test then.
    await run(process.execPath, args, {
      cwd: path.join(repoRoot, 'apps/portal'),
      env,
      timeout: 60_000,
    });
    return { code: 0, output: '' };
  } catch (error) {
    const ended = error as { code: number | null; stdout: string; stderr: string };
    return { code: ended.code, output: `${ended.stdout}${ended.stderr}` };
  }
}

describe('the app server at boot', () => {
  it('refuses a production start without HOTDESK_JWKS before it listens, naming it', async () => {
    for (const missing of [undefined, '']) {
      const { code, output } = await startPortal({ HOTDESK_JWKS: missing });
      expect(code).toBe(1);
      expect(output).toContain('✖ portal: Invalid environment (see .env.example):');
      expect(output).toContain('HOTDESK_JWKS: required in production');
      expect(output).not.toContain('ready');
    }
  });

  it('names every missing or bad setting of the start at once', async () => {
    const { code, output } = await startPortal({
      DATABASE_URL: undefined,
      HOTDESK_AUDIT_KEYS: undefined,
      HOTDESK_SESSION_DAYS: 'thirty',
    });
    expect(code).toBe(1);
    for (const name of ['DATABASE_URL', 'HOTDESK_AUDIT_KEYS']) {
      expect(output).toContain(`${name}: required in production`);
    }
    expect(output).toMatch(/HOTDESK_SESSION_DAYS: /);
    expect(output).not.toContain('ready');
  });

  it('refuses a key set that does not load, before it listens', async () => {
    const { code, output } = await startPortal({ HOTDESK_JWKS: 'not json' });
    expect(code).toBe(1);
    expect(output).toContain('✖ portal: Key set: not valid JSON');
    expect(output).not.toContain('ready');
  });
});
