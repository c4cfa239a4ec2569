import path from 'node:path';

import {
  baseEnvSchema,
  parseEnvironment,
  port,
  requiredInProduction,
} from '@hotdesk/config/environment';
import { z } from 'zod';

import { findRepoRoot } from './paths';

/** The database's settings, part of the one environment schema (packages/config). */
export const dbEnvSchema = requiredInProduction(
  baseEnvSchema.safeExtend({
    /** A real PostgreSQL server; when unset, `pnpm dev` serves the embedded database. */
    DATABASE_URL: z.url().optional(),
    HOTDESK_DATA_DIR: z.string().default('.data'),
    HOTDESK_EMBEDDED_DB_PORT: port.default(54329),
    /** Server on which tests create (and drop) their throwaway databases. */
    TEST_DATABASE_URL: z.url().default('postgresql://postgres@127.0.0.1:5432/postgres'),
    /** Not a setting: a test run's global setup hands its template databases to its workers. */
    HOTDESK_TEST_DATABASE_TEMPLATES: z.string().optional(),
    CI: z.string().optional(),
  }),
  // Production never falls back to the embedded database.
  ['DATABASE_URL'],
);

export type DbEnvVariables = z.output<typeof dbEnvSchema>;

export interface DbEnv {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
  testDatabaseUrl: string;
  /** JSON naming the test run's template databases (`prepareTestDatabaseTemplates`). */
  testDatabaseTemplates: string | undefined;
  ci: boolean;
  production: boolean;
}

/** What the database code needs from validated settings (the database's, or a superset). */
export function dbEnvOf(env: DbEnvVariables): DbEnv {
  return {
    databaseUrl: env.DATABASE_URL,
    // Relative to the repository, not to the working directory: every package's processes
    // (run from their own folder) must agree on one location.
    dataDir: path.resolve(findRepoRoot(), env.HOTDESK_DATA_DIR),
    embeddedPort: env.HOTDESK_EMBEDDED_DB_PORT,
    testDatabaseUrl: env.TEST_DATABASE_URL,
    testDatabaseTemplates: env.HOTDESK_TEST_DATABASE_TEMPLATES,
    ci: env.CI !== undefined && env.CI !== 'false',
    production: env.NODE_ENV === 'production',
  };
}

/** Read on every call so that tests and CLIs see the environment they were started with. */
export function readDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  return dbEnvOf(parseEnvironment(dbEnvSchema, source));
}

export function embeddedDatabaseUrl(port: number, host = '127.0.0.1'): string {
  return `postgresql://postgres:postgres@${host}:${port}/postgres`;
}

export function resolveDatabaseUrl(env: DbEnv = readDbEnv()): string {
  return env.databaseUrl ?? embeddedDatabaseUrl(env.embeddedPort);
}
