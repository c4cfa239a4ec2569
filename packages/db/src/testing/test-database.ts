import { randomBytes } from 'node:crypto';
import { createPrismaClient } from '../client';
import { startEmbeddedDatabase } from '../embedded/embedded-database';
import { readDbEnv } from '../env';
import { type PrismaClient } from '../generated/prisma/client';
import { withDatabase } from '../migrations/postgres-server';
import { prepareDatabase, type PrepareDatabaseOptions } from './prepare-database';
import { databaseUrlOn, testDatabaseTemplates } from './test-database-templates';
import { testServerAvailable, warnEmbeddedFallbackOnce } from './test-server';

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  /** Disconnects and drops the database. Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * A throwaway, migrated (and optionally seeded) database `hotdesk_test_<random>` on the
 * TEST_DATABASE_URL server, so test files run in parallel without seeing each other's rows.
 * A copy of the run's template when its global setup made them
 * (`prepareTestDatabaseTemplates`), else migrated and seeded here.
 */
export async function createTestDatabase(
  options: PrepareDatabaseOptions = {},
): Promise<TestDatabase> {
  if (!(await testServerAvailable())) {
    warnEmbeddedFallbackOnce();
    const embedded = await startEmbeddedDatabase();
    return withPreparedDatabase(embedded.url, options, () => embedded.stop());
  }
  const serverUrl = readDbEnv().testDatabaseUrl;
  const name = `hotdesk_test_${randomBytes(6).toString('hex')}`;
  const url = databaseUrlOn(serverUrl, name);
  const drop = async () => {
    await withDatabase(serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    );
  };
  const templates = testDatabaseTemplates();
  if (!templates) {
    await withDatabase(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    return withPreparedDatabase(url, options, drop);
  }
  const template = options.seed ? templates.seeded : templates.migrated;
  await withDatabase(serverUrl, (client) =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`),
  );
  return withPrismaClient(url, drop);
}

async function withPreparedDatabase(
  url: string,
  options: PrepareDatabaseOptions,
  destroy: () => Promise<void>,
): Promise<TestDatabase> {
  try {
    await prepareDatabase(url, options);
  } catch (error) {
    await destroy();
    throw error;
  }
  return withPrismaClient(url, destroy);
}

function withPrismaClient(url: string, destroy: () => Promise<void>): TestDatabase {
  const prisma = createPrismaClient({ url, max: 5 });
  let dropping: Promise<void> | undefined;
  const drop = () => {
    dropping ??= (async () => {
      try {
        await prisma.$disconnect();
      } finally {
        await destroy();
      }
    })();
    return dropping;
  };
  return { url, prisma, drop };
}
