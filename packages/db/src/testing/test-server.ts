import pg from 'pg';
import { readDbEnv } from '../env';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENOENT', 'ETIMEDOUT']);

let probe: Promise<boolean> | undefined;
let warned = false;

/**
 * Whether TEST_DATABASE_URL answers. A laptop with only Node has no PostgreSQL: tests then
 * run on private in-memory embedded servers, with one warning. CI always has the real
 * server, so there a missing one is an error rather than a quiet downgrade.
 */
export function testServerAvailable(): Promise<boolean> {
  probe ??= (async () => {
    const { testDatabaseUrl, ci } = readDbEnv();
    const client = new pg.Client({
      connectionString: testDatabaseUrl,
      connectionTimeoutMillis: 3_000,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const timedOut = /timeout/i.test((error as Error).message);
      if (!UNREACHABLE.has(code) && !timedOut) throw error;
      if (ci) {
        throw new Error(`No PostgreSQL at TEST_DATABASE_URL (${code || 'timeout'}); CI needs one`);
      }
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return probe;
}

export function warnEmbeddedFallbackOnce(): void {
  if (warned) return;
  warned = true;
  const { testDatabaseUrl } = readDbEnv();
  console.warn(
    `⚠ No PostgreSQL answers at ${new URL(testDatabaseUrl).host} (TEST_DATABASE_URL): ` +
      'tests run on in-memory embedded PGlite servers instead. Concurrency behaviour is ' +
      'not PostgreSQL-faithful there; CI runs against the real server.',
  );
}
