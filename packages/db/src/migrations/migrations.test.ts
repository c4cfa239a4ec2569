import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../embedded/embedded-database';
import { readDbEnv } from '../env';
import { defaultMigrationsDir, defaultSchemaPath } from '../paths';
import { testServerAvailable } from '../testing/test-server';
import {
  createMigration,
  diffSchemaAgainstDatabase,
  migrateDeploy,
  resetDatabase,
} from './migrate';
import { withDatabase } from './postgres-server';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** An empty database: on the test server, or an in-memory embedded one without it. */
async function emptyDatabase(): Promise<string> {
  if (!(await testServerAvailable())) return (await embedded()).url;
  const server = readDbEnv().testDatabaseUrl;
  const name = `hotdesk_test_migrations_${Math.random().toString(36).slice(2, 10)}`;
  await withDatabase(server, (client) => client.query(`CREATE DATABASE "${name}"`));
  cleanups.push(async () => {
    await withDatabase(server, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    );
  });
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function embedded(): Promise<EmbeddedDatabase> {
  const database = await startEmbeddedDatabase();
  cleanups.push(() => database.stop());
  return database;
}

async function migrationNames(dir = defaultMigrationsDir()): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  return withDatabase(url, async (client) => (await client.query(sql)).rows as T[]);
}

describe.each([
  ['PostgreSQL', emptyDatabase],
  ['the embedded PGlite server', async () => (await embedded()).url],
])('migrations on %s', (_server, makeDatabase) => {
  let url: string;
  beforeAll(async () => {
    url = await makeDatabase();
  });

  it('applies every migration from empty, then has nothing left to apply', async () => {
    expect(await migrateDeploy(url)).toEqual(await migrationNames());
    expect(await migrateDeploy(url)).toEqual([]);

    const recorded = await query<{ migration_name: string; finished: boolean }>(
      url,
      `SELECT migration_name, finished_at IS NOT NULL AS finished
       FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(recorded).toEqual(
      (await migrationNames()).map((name) => ({ migration_name: name, finished: true })),
    );
    const extensions = await query<{ extname: string }>(url, 'SELECT extname FROM pg_extension');
    expect(extensions.map((e) => e.extname)).toEqual(expect.arrayContaining(['citext', 'pg_trgm']));
  });

  it('leaves no drift between the migrated database and schema.prisma', async () => {
    expect(await diffSchemaAgainstDatabase(url)).toBe('');
  });

  it('reports drift when the database differs from schema.prisma', async () => {
    await query(url, 'ALTER TABLE "Location" ADD COLUMN "stray" INTEGER');
    const drift = await diffSchemaAgainstDatabase(url);
    expect(drift).toMatch(/ALTER TABLE "Location" DROP COLUMN "stray"/);
    await query(url, 'ALTER TABLE "Location" DROP COLUMN "stray"');
  });

  it('resets to an empty database that migrates again', async () => {
    await resetDatabase(url);
    const tables = await query<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(tables[0]?.n).toBe(0);
    expect(await migrateDeploy(url)).toEqual(await migrationNames());
  });
});

describe('createMigration', () => {
  let work: string;
  let schemaPath: string;
  let migrationsDir: string;
  let serverUrl: string;

  beforeAll(async () => {
    // A copy: the test edits the schema and writes migrations.
    work = await mkdtemp(path.join(tmpdir(), 'hotdesk-migrations-'));
    cleanups.push(() => rm(work, { recursive: true, force: true }));
    schemaPath = path.join(work, 'schema.prisma');
    migrationsDir = path.join(work, 'migrations');
    await cp(defaultSchemaPath(), schemaPath);
    await cp(defaultMigrationsDir(), migrationsDir, { recursive: true });
    serverUrl = (await testServerAvailable())
      ? readDbEnv().testDatabaseUrl
      : (await embedded()).url;
  });

  it('says there is nothing to migrate when the history matches the schema', async () => {
    expect(await createMigration(serverUrl, 'nothing', { schemaPath, migrationsDir })).toBeNull();
    expect(await migrationNames(migrationsDir)).toEqual(await migrationNames());
  });

  it('writes the SQL of a schema change as a new Prisma migration folder', async () => {
    const schema = await readFile(schemaPath, 'utf8');
    const edited = schema
      .replace(/(model Location \{\n)/, '$1  floors     Int      @default(1)\n')
      .concat(
        '\nmodel Desk {\n  id    Int    @id @default(autoincrement())\n  label String @unique\n}\n',
      );
    expect(edited).not.toBe(schema);
    await writeFile(schemaPath, edited);

    const created = await createMigration(serverUrl, 'Add desks & floors', {
      schemaPath,
      migrationsDir,
      now: new Date('2030-01-02T03:04:05Z'),
    });

    expect(created?.name).toBe('20300102030405_add_desks_floors');
    const script = await readFile(path.join(migrationsDir, created!.name, 'migration.sql'), 'utf8');
    expect(script).toBe(created?.script);
    expect(script).toContain(
      'ALTER TABLE "Location" ADD COLUMN     "floors" INTEGER NOT NULL DEFAULT 1;',
    );
    expect(script).toMatch(/CREATE TABLE "Desk" \(/);
    expect(script).toMatch(/CREATE UNIQUE INDEX "Desk_label_key" ON "Desk"\("label"\);/);
    expect(script).not.toMatch(/CREATE EXTENSION/);
    expect(await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
      'provider = "postgresql"',
    );

    // The new history reproduces the edited schema exactly.
    const fresh = await emptyDatabase();
    const applied = await migrateDeploy(fresh, { schemaPath, migrationsDir });
    expect(applied.at(-1)).toBe(created?.name);
    expect(await diffSchemaAgainstDatabase(fresh, { schemaPath })).toBe('');
    expect(await createMigration(serverUrl, 'again', { schemaPath, migrationsDir })).toBeNull();
  });

  it('refuses a name without letters or digits', async () => {
    await expect(createMigration(serverUrl, ' - ', { schemaPath, migrationsDir })).rejects.toThrow(
      /needs a name/,
    );
  });
});
