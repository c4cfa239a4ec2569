import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';

const run = promisify(execFile);
const packageDir = path.resolve(import.meta.dirname, '../..');

async function cli(script: string, args: string[], env: Record<string, string | undefined>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: packageDir,
      // A developer's own .env never reaches a test's command, unless the test points at one.
      env: { ...process.env, HOTDESK_ENV_FILE: 'off', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('database CLIs', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('reports an up-to-date database and seeds it idempotently', async () => {
    const env = { DATABASE_URL: db.url };

    const deploy = await cli('src/cli/migrate.ts', ['deploy'], env);
    expect(deploy).toMatchObject({ code: 0 });
    expect(deploy.stdout).toMatch(/is up to date/);

    const seed = await cli('src/cli/seed.ts', [], env);
    expect(seed.stdout).toMatch(/Seeded [1-9]\d* demo rows/);
    const again = await cli('src/cli/seed.ts', [], env);
    expect(again.stdout).toMatch(/Demo data already present/);
  });

  it('exits non-zero with a readable message on bad input or an unreachable server', async () => {
    const usage = await cli('src/cli/migrate.ts', ['sideways'], { DATABASE_URL: db.url });
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/Usage: migrate deploy \| new <name> \| reset/);

    const down = await cli('src/cli/migrate.ts', ['deploy'], {
      DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:1/postgres',
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /Cannot reach the database at postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:1/,
    );
    expect(down.stderr).not.toMatch(/secret/);

    const bulk = await cli('src/cli/seed-bulk.ts', ['--coworkers', 'many'], {
      DATABASE_URL: db.url,
    });
    expect(bulk.code).toBe(1);
    expect(bulk.stderr).toMatch(/--coworkers must be a positive integer/);
  });

  it('take their settings from the env file, and the real environment wins over it', async () => {
    const fresh = await createTestDatabase();
    try {
      const envFile = path.join(await mkdtemp(path.join(tmpdir(), 'hotdesk-env-')), '.env');
      await writeFile(envFile, `DATABASE_URL=${fresh.url}\n`);
      // Nothing in the environment says which database: the file does.
      const seeded = await cli('src/cli/seed.ts', [], {
        HOTDESK_ENV_FILE: envFile,
        DATABASE_URL: undefined,
      });
      expect(seeded.stdout).toMatch(/Seeded [1-9]\d* demo rows/);
      expect(await fresh.prisma.user.count()).toBeGreaterThan(0);

      // The environment names an unreachable server: it wins over the file.
      const overridden = await cli('src/cli/seed.ts', [], {
        HOTDESK_ENV_FILE: envFile,
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/postgres',
      });
      expect(overridden.code).toBe(1);
      expect(overridden.stderr).toMatch(/Cannot reach the database at .*127\.0\.0\.1:1/);
    } finally {
      await fresh.drop();
    }
  });
});
