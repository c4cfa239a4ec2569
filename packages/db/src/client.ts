import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';
import { processWide } from './process-wide';

export interface CreatePrismaClientOptions {
  url: string;
  /** Pool size per process; keep it small, several app processes share one server. */
  max?: number;
  /**
   * Told every statement the pool sends (Prisma's and raw ones), text and values: for tests
   * that count, and the benchmark's plans.
   */
  observeStatement?: (sql: string, values?: unknown[]) => void;
}

const pools = processWide('prismaPools', () => new WeakMap<PrismaClient, pg.Pool>());

export function createPrismaClient({
  url,
  max = 10,
  observeStatement,
}: CreatePrismaClientOptions): PrismaClient {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    ...(observeStatement ? { Client: observedClient(observeStatement) } : {}),
  });
  // An idle connection the server ends (a restart, a failover, a dropped database) is removed
  // from the pool and replaced on next use; without a listener the pool's 'error' event would
  // end the process. Requests that meet the outage report it themselves (a 503 and a log line).
  pool.on('error', () => {});
  // The adapter owns this pool, so `$disconnect()` closes it.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(prisma, pool);
  return prisma;
}

/**
 * The client's own connection pool, for the few hot-path statements that are worth sending
 * without Prisma's per-query work (see packages/api `sql/`). Same connections, same limits.
 */
export function poolOf(prisma: PrismaClient): pg.Pool {
  const pool = pools.get(prisma);
  if (!pool) throw new Error('This PrismaClient was not made by createPrismaClient.');
  return pool;
}

function observedClient(observe: (sql: string, values?: unknown[]) => void): typeof pg.Client {
  class ObservedClient extends pg.Client {}
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  // Every statement passes through `Client.query`, whatever overload Prisma or a caller uses.
  ObservedClient.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'string') {
      observe(first, Array.isArray(second) ? second : undefined);
    } else {
      const config = first as { text?: string; values?: unknown[] } | undefined;
      observe(config?.text ?? '', config?.values ?? (Array.isArray(second) ? second : undefined));
    }
    return query.apply(this, args);
  } as pg.Client['query'];
  return ObservedClient;
}
