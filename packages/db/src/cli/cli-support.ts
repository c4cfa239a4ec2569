import pg from 'pg';
import { startEmbeddedDatabase } from '../embedded/embedded-database';
import { embeddedDataDir } from '../embedded/embedded-data-dir';
import { readDbEnv, resolveDatabaseUrl } from '../env';

/** For printing: keeps host, port and database, hides the password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

export class CliError extends Error {
  override name = 'CliError';
}

/** Fails early with advice instead of a driver stack trace when the server is not there. */
export async function assertReachable(url: string, advice: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliError(`Cannot reach the database at ${redactUrl(url)} (${reason}). ${advice}`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function isReachable(url: string): Promise<boolean> {
  try {
    await assertReachable(url, '');
    return true;
  } catch {
    return false;
  }
}

export const NOT_RUNNING_ADVICE =
  'Start `pnpm dev` (it serves the embedded database) or set DATABASE_URL to a PostgreSQL server.';

export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`✖ ${message}`);
      if (!(error instanceof CliError) && error instanceof Error && error.cause) {
        console.error(error.cause);
      }
      process.exitCode = 1;
    },
  );
}

/**
 * The database a one-off command (migrate, seed, reset) works on: DATABASE_URL, else the
 * embedded server of a running `pnpm dev`, else the embedded data directory opened just for
 * this command (so `pnpm db:reset` works whether or not `pnpm dev` is up).
 */
export async function withTargetDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const env = readDbEnv();
  const url = resolveDatabaseUrl(env);
  if (env.databaseUrl !== undefined || (await isReachable(url))) {
    await assertReachable(url, NOT_RUNNING_ADVICE);
    return work(url);
  }
  const dataDir = embeddedDataDir(env);
  console.info(`  (opening the embedded database in ${dataDir} for this command)`);
  const embedded = await startEmbeddedDatabase({ dataDir });
  try {
    return await work(embedded.url);
  } finally {
    await embedded.stop();
  }
}
