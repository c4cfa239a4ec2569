import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { withDatabase } from '../migrations/postgres-server';
import { readDbEnv } from '../env';
import { prepareDatabase } from './prepare-database';
import { testServerAvailable } from './test-server';

/** How a test run's global setup hands the templates' names to its workers (their environment). */
const TEMPLATES_VARIABLE = 'HOTDESK_TEST_DATABASE_TEMPLATES';

const templatesSchema = z.object({ migrated: z.string(), seeded: z.string() });

export type TestDatabaseTemplates = z.infer<typeof templatesSchema>;

/** The run's templates, when its global setup made them. */
export function testDatabaseTemplates(): TestDatabaseTemplates | undefined {
  const value = readDbEnv().testDatabaseTemplates;
  return value ? templatesSchema.parse(JSON.parse(value)) : undefined;
}

/**
 * For a test run's global setup: migrates one database and migrates and seeds another, once,
 * so that every test file's throwaway database is a copy of one of them (`CREATE DATABASE …
 * TEMPLATE`, a tenth of the time of migrating and seeding). Made per run, not kept between
 * runs, so they are never older than the migrations and the seed. Returns the teardown that
 * drops them; without a PostgreSQL server (the embedded fallback) it does nothing.
 */
export async function prepareTestDatabaseTemplates(): Promise<() => Promise<void>> {
  if (!(await testServerAvailable())) return async () => {};
  const serverUrl = readDbEnv().testDatabaseUrl;
  const run = randomBytes(4).toString('hex');
  const templates: TestDatabaseTemplates = {
    migrated: `hotdesk_test_template_${run}`,
    seeded: `hotdesk_test_template_${run}_seeded`,
  };
  const drop = () =>
    withDatabase(serverUrl, async (client) => {
      for (const name of Object.values(templates)) {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    });
  try {
    await withDatabase(serverUrl, async (client) => {
      for (const name of Object.values(templates)) await client.query(`CREATE DATABASE "${name}"`);
    });
    await Promise.all([
      prepareDatabase(databaseUrlOn(serverUrl, templates.migrated)),
      prepareDatabase(databaseUrlOn(serverUrl, templates.seeded), { seed: true }),
    ]);
    // A copy fails while anyone is connected to its template: nobody may be.
    await withDatabase(serverUrl, async (client) => {
      for (const name of Object.values(templates)) {
        await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
      }
    });
  } catch (error) {
    await drop();
    throw error;
  }
  /* eslint-disable no-restricted-properties -- written for the workers, read through readDbEnv */
  const before = process.env[TEMPLATES_VARIABLE];
  process.env[TEMPLATES_VARIABLE] = JSON.stringify(templates);
  return async () => {
    if (before === undefined) delete process.env[TEMPLATES_VARIABLE];
    else process.env[TEMPLATES_VARIABLE] = before;
    await drop();
  };
  /* eslint-enable no-restricted-properties */
}

export function databaseUrlOn(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
