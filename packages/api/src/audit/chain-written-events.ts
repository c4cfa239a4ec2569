import { hotQuery, Prisma, type PrismaClient } from '@hotdesk/db';

import {
  AUDIT_CHAIN_LOCK,
  GENESIS_HASH,
  hashAuditLink,
  type ChainHead,
  type ChainedContent,
} from './audit-chain';
import { auditTrailOf } from './audit-trail';

/** An event this process wrote and saw committed: its row id and the content it digested. */
export interface WrittenEvent {
  id: bigint;
  content: ChainedContent;
}

export type ChainAppend =
  | { outcome: 'chained'; head: ChainHead; leftBehind: number }
  | { outcome: 'busy' }
  /** The chain or the queue is not what this process expected: a full pass must look. */
  | { outcome: 'stale' };

// Queued rows of other writers are theirs to chain; only rows left this long are a full pass's.
export const LEFT_BEHIND_AFTER_MS = 5_000;

/**
 * Chains events this process wrote, in one statement, after the head it last saw. Their
 * content never needs reading back (it was digested here before the insert), so the links are
 * computed up front and the statement only checks that nothing moved: it takes the chain's lock,
 * and writes only if the head is still `head` and every event is still queued. Were the head to
 * move between the statement's snapshot and the lock, the unique chain position refuses the
 * insert: the chain never forks, and the caller falls back to a full pass.
 */
export async function chainWrittenEvents(
  db: PrismaClient,
  head: ChainHead,
  events: readonly WrittenEvent[],
  now: Date,
  { lookForLeftBehind }: { lookForLeftBehind: boolean },
): Promise<ChainAppend> {
  const { keys } = auditTrailOf(db);
  const keyId = keys.currentKeyId;
  const links: Array<{ seq: string; eventId: string; prevHash: string; hash: string }> = [];
  let prevHash = head.hash;
  let seq = head.seq;
  for (const event of events) {
    seq += 1n;
    const hash = hashAuditLink(keys, keyId, prevHash, event.content) as string;
    links.push({ seq: seq.toString(), eventId: event.id.toString(), prevHash, hash });
    prevHash = hash;
  }
  const ids = links.map((link) => link.eventId);
  let rows: Array<{ got: boolean; sealed: number; leftBehind: number }>;
  try {
    rows = await hotQuery<typeof rows>(
      db,
      Prisma.sql`
      WITH locked AS (
        SELECT pg_try_advisory_xact_lock(${AUDIT_CHAIN_LOCK}) AS got
      ), head AS (
        SELECT "seq", "hash" FROM "AuditChainLink" ORDER BY "seq" DESC LIMIT 1
      ), ready AS (
        SELECT 1 FROM locked
        WHERE got
          AND COALESCE((SELECT "seq" FROM head), 0) = ${head.seq.toString()}::bigint
          AND COALESCE((SELECT "hash"::text FROM head), ${GENESIS_HASH}) = ${head.hash}
          AND (SELECT count(*) FROM "AuditSealQueue"
               WHERE "eventId" = ANY(${ids}::bigint[])) = ${ids.length}
      ), linked AS (
        INSERT INTO "AuditChainLink" ("seq", "eventId", "prevHash", "hash", "keyId")
        SELECT l."seq", l."eventId", l."prevHash", l."hash", ${keyId}
        FROM unnest(${links.map((l) => l.seq)}::bigint[], ${ids}::bigint[],
                    ${links.map((l) => l.prevHash)}::text[], ${links.map((l) => l.hash)}::text[])
             AS l("seq", "eventId", "prevHash", "hash")
        WHERE EXISTS (SELECT 1 FROM ready)
        RETURNING "eventId"
      ), dequeued AS (
        DELETE FROM "AuditSealQueue" WHERE "eventId" IN (SELECT "eventId" FROM linked)
      )
      SELECT (SELECT got FROM locked) AS "got",
        (SELECT count(*) FROM linked)::int AS "sealed",
        ${lookForLeftBehind ? leftBehindCount(ids, now) : Prisma.sql`0`} AS "leftBehind"`,
    );
  } catch (error) {
    // Another sealer chained past the head this statement saw: nothing was written.
    if (isUniqueViolation(error)) return { outcome: 'stale' };
    throw error;
  }
  const row = rows[0];
  if (!row?.got) return { outcome: 'busy' };
  if (row.sealed !== links.length) return { outcome: 'stale' };
  return { outcome: 'chained', head: { seq, hash: prevHash }, leftBehind: row.leftBehind };
}

/**
 * Queued rows of others older than `LEFT_BEHIND_AFTER_MS`. It reads the whole queue (and its
 * churned pages), so the sealer asks at most once per that interval.
 */
const leftBehindCount = (ids: string[], now: Date) => Prisma.sql`(
    SELECT count(*) FROM "AuditSealQueue" q JOIN "AuditEvent" e ON e."id" = q."eventId"
    WHERE NOT (q."eventId" = ANY(${ids}::bigint[]))
      AND e."occurredAt" < ${new Date(now.getTime() - LEFT_BEHIND_AFTER_MS).toISOString()}::timestamp(3)
  )::int`;

// pg's error for a unique violation (`hotQuery` sends the statement straight through pg).
const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === '23505';

/** Where the chain ends now, and which of `events` are still waiting to be chained. */
export interface ChainPosition {
  head: ChainHead;
  /** The last link predates the audit key: only a full pass may continue such a chain. */
  headIsLegacy: boolean;
  stillQueued: Set<bigint>;
}

/**
 * One read after an append found the chain moved: the head as it is, and which of this
 * process's events are still queued (another sealer may have chained some of them), so the next
 * append starts from the right place without a full pass over the queue.
 */
export async function readChainPosition(
  db: PrismaClient,
  events: readonly WrittenEvent[],
): Promise<ChainPosition> {
  const [row] = await hotQuery<
    Array<{ seq: string | null; hash: string | null; keyId: string | null; queued: string[] }>
  >(
    db,
    Prisma.sql`
    SELECT head."seq"::text AS "seq", head."hash"::text AS "hash", head."keyId",
      ARRAY(SELECT "eventId"::text FROM "AuditSealQueue"
            WHERE "eventId" = ANY(${events.map((event) => event.id.toString())}::bigint[])
      ) AS "queued"
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT "seq", "hash", "keyId" FROM "AuditChainLink" ORDER BY "seq" DESC LIMIT 1
    ) AS head ON TRUE`,
  );
  return {
    head: { seq: BigInt(row?.seq ?? 0), hash: row?.hash ?? GENESIS_HASH },
    headIsLegacy: row?.seq != null && row.keyId === null,
    stillQueued: new Set((row?.queued ?? []).map((id) => BigInt(id))),
  };
}
