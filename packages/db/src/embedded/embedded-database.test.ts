import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../client';
import { Prisma } from '../generated/prisma/client';
import { hotQuery } from '../hot-query';
import { migrateDeploy } from '../migrations/migrate';
import { seedDemoData } from '../seed/seed-demo';
import { DataDirInUseError } from './data-dir-lock';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database';
import { PortInUseError } from './wire-server';

describe('embedded database under the apps’ connection pools', () => {
  let database: EmbeddedDatabase;
  beforeAll(async () => {
    database = await startEmbeddedDatabase();
    await migrateDeploy(database.url);
  });
  afterAll(() => database?.stop());

  it('answers many pooled connections at once without mixing up their queries', async () => {
    // Two Next.js processes and the dev task: three pools of ten connections.
    const pools = [1, 2, 3].map(() => new pg.Pool({ connectionString: database.url, max: 10 }));
    try {
      const answers = await Promise.all(
        pools.flatMap((pool, p) =>
          Array.from({ length: 300 }, async (_, i) => {
            const n = p * 1_000 + i;
            // Distinct statement texts: a Bind landing on another client's Parse shows.
            const { rows } = await pool.query(`SELECT $1::int AS n, $2::text AS s, ${i} AS i`, [
              n,
              `s${n}`,
            ]);
            return rows[0].n === n && rows[0].s === `s${n}` && rows[0].i === i;
          }),
        ),
      );
      expect(answers.filter((ok) => !ok)).toEqual([]);
      expect(answers).toHaveLength(900);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('runs the hot path’s statements from every connection of a pool (one session behind them)', async () => {
    // The apps' hot statements are named prepared statements; behind the wire server every
    // connection shares one session, where a name prepared by one exists for all.
    const prisma = createPrismaClient({ url: database.url, max: 4 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const rows = await hotQuery<Array<{ n: number }>>(
            prisma,
            Prisma.sql`SELECT ${i}::int AS n`,
          );
          return rows[0]?.n === i;
        }),
      );
      expect(answers.filter((ok) => !ok)).toEqual([]);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('keeps a statement whose parameters span many network packets in one piece', async () => {
    const pools = [1, 2].map(() => new pg.Pool({ connectionString: database.url, max: 8 }));
    const big = 'x'.repeat(2_000_000);
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const pool = pools[i % 2]!;
          if (i % 4 === 0) {
            const { rows } = await pool.query(`SELECT length($1::text) AS len, ${i} AS i`, [big]);
            return rows[0].len === big.length && rows[0].i === i;
          }
          const { rows } = await pool.query(`SELECT $1::int AS n, ${i} AS i`, [i]);
          return rows[0].n === i && rows[0].i === i;
        }),
      );
      expect(answers.filter((ok) => !ok)).toEqual([]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('keeps a transaction private to its connection until it commits', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });
    try {
      const writer = await pool.connect();
      await writer.query('BEGIN');
      await writer.query(`INSERT INTO "Location" (name, "webAddress") VALUES ('Tx', 'tx-test')`);
      let committed = false;
      const reader = pool
        .query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "Location" WHERE "webAddress" = 'tx-test'`,
        )
        .then(({ rows }) => ({ n: rows[0]?.n, afterCommit: committed }));
      await new Promise((resolve) => setTimeout(resolve, 200));
      committed = true;
      await writer.query('COMMIT');
      writer.release();

      // One backend: the reader waits for the transaction instead of reading into it.
      expect(await reader).toEqual({ n: 1, afterCommit: true });
    } finally {
      await pool.end();
    }
  });

  it('rolls back the transaction of a client that disconnects in the middle of it', async () => {
    const quitter = new pg.Client({ connectionString: database.url });
    await quitter.connect();
    await quitter.query('BEGIN');
    await quitter.query(`INSERT INTO "Location" (name, "webAddress") VALUES ('Gone', 'gone')`);
    await quitter.end();

    const prisma = createPrismaClient({ url: database.url, max: 2 });
    try {
      expect(await prisma.location.count({ where: { webAddress: 'gone' } })).toBe(0);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('serves Prisma clients with interactive transactions running side by side', async () => {
    const clients = [1, 2, 3].map(() => createPrismaClient({ url: database.url, max: 5 }));
    try {
      await seedDemoData(clients[0]!);
      await Promise.all(
        clients.flatMap((prisma, c) =>
          Array.from({ length: 10 }, (_, i) =>
            prisma.$transaction(
              async (tx) => {
                const location = await tx.location.create({
                  data: { name: `L${c}-${i}`, webAddress: `l-${c}-${i}` },
                });
                await tx.team.create({ data: { name: 'T', locationId: location.id } });
                return tx.coworker.count();
              },
              // The embedded server runs one transaction at a time: thirty queued behind each
              // other on two busy cores may wait longer than Prisma's default 2 s to start. This
              // checks that every one lands, not how soon.
              { maxWait: 60_000, timeout: 60_000 },
            ),
          ),
        ),
      );
      expect(
        await clients[1]!.location.count({ where: { webAddress: { startsWith: 'l-' } } }),
      ).toBe(30);
      expect(await clients[2]!.team.count({ where: { name: 'T' } })).toBe(30);
    } finally {
      await Promise.all(clients.map((prisma) => prisma.$disconnect()));
    }
  });
});

describe('embedded database on disk', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'hotdesk-pglite-')), 'pglite');
  });
  afterAll(() => rm(path.dirname(dataDir), { recursive: true, force: true }));

  it('keeps its data across a restart and refuses a second server on the same port or directory', async () => {
    const first = await startEmbeddedDatabase({ dataDir });
    try {
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      await client.query('CREATE TABLE kept (v text)');
      await client.query(`INSERT INTO kept VALUES ('still here')`);
      await client.end();

      await expect(startEmbeddedDatabase({ port: first.port })).rejects.toBeInstanceOf(
        PortInUseError,
      );
      await expect(startEmbeddedDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedDatabase({ dataDir });
    try {
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      const { rows } = await client.query('SELECT v FROM kept');
      await client.end();
      expect(rows).toEqual([{ v: 'still here' }]);
    } finally {
      await second.stop();
    }
  });
});
