import { randomBytes } from 'node:crypto';
import { createPrismaClient } from '../client';
import { startEmbeddedDatabase } from '../embedded/embedded-database';
import { readDbEnv } from '../env';
import { type PrismaClient } from '../generated/prisma/client';
import { migrateDeploy } from '../migrations/migrate';
import { withDatabase } from '../migrations/postgres-server';
import { seedDemoData } from '../seed/seed-demo';
import { testServerAvailable, warnEmbeddedFallbackOnce } from './test-server';

export interface PrepareDatabaseOptions {
  /** Also load the demo data (DESIGN.md). */
  seed?: boolean;
}

export interface PreparedDatabase {
  appliedMigrations: string[];
  seededRows: number;
}

/** Migrates the database at `url` and optionally seeds it; for scripts such as the e2e runner. */
export async function prepareDatabase(
  url: string,
  { seed = false }: PrepareDatabaseOptions = {},
): Promise<PreparedDatabase> {
  const appliedMigrations = await migrateDeploy(url);
  let seededRows = 0;
  if (seed) {
    const prisma = createPrismaClient({ url, max: 2 });
    try {
      seededRows = (await seedDemoData(prisma)).created;
    } finally {
      await prisma.$disconnect();
    }
  }
  return { appliedMigrations, seededRows };
}

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  /** Disconnects and drops the database. Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * A throwaway, migrated (and optionally seeded) database `hotdesk_test_<random>` on the
 * TEST_DATABASE_URL server, so test files run in parallel without seeing each other's rows.
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
  await withDatabase(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return withPreparedDatabase(url.toString(), options, async () => {
    await withDatabase(serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    );
  });
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
