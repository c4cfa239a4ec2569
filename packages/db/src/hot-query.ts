import { createHash } from 'node:crypto';

import pg from 'pg';

import { poolOf } from './client';
import { type Prisma, type PrismaClient } from './generated/prisma/client';
import { processWide } from './process-wide';

const TIMESTAMP_WITHOUT_ZONE = 1114;

// Prisma stores DateTime as UTC wall time in `timestamp(3)`: read it back as UTC, whatever the
// process's time zone (pg's default would read it as local time).
const readTimestampAsUtc = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_WITHOUT_ZONE
      ? readTimestampAsUtc
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

// Dates go as UTC ISO text: a zone in the text is ignored by `timestamp` columns, so the UTC
// wall time is what is compared and stored, as Prisma does.
const parameter = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

// A statement's name is its text's hash, computed once per text: a hot path has a handful.
const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `hot_${createHash('sha1').update(text).digest('base64url')}`));
  return name;
}

const DUPLICATE_PREPARED_STATEMENT = '42P05';

/**
 * Pools whose connections turned out to share one server session (the embedded database's wire
 * server; a pooler in transaction mode): a name one connection prepared already exists for the
 * next, so their statements go unnamed.
 */
const sharedSessionPools = processWide('sharedSessionPools', () => new WeakSet<pg.Pool>());

const isDuplicatePreparedStatement = (error: unknown) =>
  error instanceof Error && (error as { code?: unknown }).code === DUPLICATE_PREPARED_STATEMENT;

/**
 * Sends one statement of the hot path straight through the client's own pool, as a named
 * prepared statement: it skips Prisma's per-query work and, after a connection's first use, the
 * parsing and planning of a statement the same text always names. For the few statements every
 * request or grant pays for; Prisma stays the way to reach the database everywhere else.
 */
export async function hotQuery<Rows extends unknown[]>(
  prisma: PrismaClient,
  statement: Prisma.Sql,
): Promise<Rows> {
  const pool = poolOf(prisma);
  const query = { text: statement.text, values: statement.values.map(parameter), types };
  if (sharedSessionPools.has(pool)) return (await pool.query(query)).rows as Rows;
  try {
    return (await pool.query({ ...query, name: nameOf(query.text) })).rows as Rows;
  } catch (error) {
    if (!isDuplicatePreparedStatement(error)) throw error;
    // The Parse was refused, so nothing ran: the statement is sent again, unnamed.
    sharedSessionPools.add(pool);
    return (await pool.query(query)).rows as Rows;
  }
}
