import path from 'node:path';
import { findRepoRoot } from './paths';

export interface DbEnv {
  /** A real PostgreSQL server; when unset, `pnpm dev` serves the embedded database. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
  /** Server on which tests create (and drop) their throwaway databases. */
  testDatabaseUrl: string;
  ci: boolean;
  production: boolean;
}

const DEFAULT_EMBEDDED_PORT = 54329;
const DEFAULT_TEST_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_EMBEDDED_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`HOTDESK_EMBEDDED_DB_PORT must be a port number (1-65535), got "${value}"`);
  }
  return port;
}

/** Read on every call so that tests and CLIs see the environment they were started with. */
export function readDbEnv(env: NodeJS.ProcessEnv = process.env): DbEnv {
  // Relative to the repository, not to the working directory: every package's processes
  // (run from their own folder) must agree on one location.
  const dataDir = path.resolve(findRepoRoot(), nonEmpty(env.HOTDESK_DATA_DIR) ?? '.data');
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir,
    embeddedPort: parsePort(nonEmpty(env.HOTDESK_EMBEDDED_DB_PORT)),
    testDatabaseUrl: nonEmpty(env.TEST_DATABASE_URL) ?? DEFAULT_TEST_DATABASE_URL,
    ci: Boolean(nonEmpty(env.CI)) && env.CI !== 'false',
    production: env.NODE_ENV === 'production',
  };
}

export function embeddedDatabaseUrl(port: number, host = '127.0.0.1'): string {
  return `postgresql://postgres:postgres@${host}:${port}/postgres`;
}

export function resolveDatabaseUrl(env: DbEnv = readDbEnv()): string {
  return env.databaseUrl ?? embeddedDatabaseUrl(env.embeddedPort);
}
