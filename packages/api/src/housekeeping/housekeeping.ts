import { setTimeout as delay } from 'node:timers/promises';

import { MAX_MAIL_LINK_SECONDS } from '@hotdesk/auth';
import { Prisma, type PrismaClient } from '@hotdesk/db';

import { type HotdeskConfig } from '../config';
import { logger } from '../logging/logger';

/** Held by whichever instance is deleting, so that one instance at a time does. */
export const HOUSEKEEPING_LOCK = 0x686f7468; // "hoth"

/** Rows examined per statement: each batch is a short transaction of its own. */
const BATCH_SIZE = 5_000;

export type HousekeepingSettings = HotdeskConfig['housekeeping'];

export interface HousekeepingOutcome {
  sessions: number;
  rateLimitCounters: number;
  looks: number;
  sentMails: number;
  spentMailLinks: number;
  /** Another instance held the lock: this pass stopped and left the rest to it. */
  busy: boolean;
}

/** What one batch deleted, and where the next one starts (null: the walk is over). */
type Batch<Cursor> = { deleted: number; next: Cursor | null };

/**
 * Deletes batch after batch, each in a transaction that holds the housekeeping lock; answers
 * 'busy' without waiting as soon as another instance holds it.
 */
async function deleteInBatches<Cursor>(
  db: PrismaClient,
  start: Cursor,
  deleteBatch: (tx: Prisma.TransactionClient, after: Cursor) => Promise<Batch<Cursor>>,
): Promise<number | 'busy'> {
  let total = 0;
  let after: Cursor | null = start;
  while (after !== null) {
    const cursor: Cursor = after;
    const batch = await db.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<Array<{ acquired: boolean }>>`
        SELECT pg_try_advisory_xact_lock(${HOUSEKEEPING_LOCK}) AS acquired`;
      if (!lock?.acquired) return 'busy' as const;
      return deleteBatch(tx, cursor);
    });
    if (batch === 'busy') return 'busy';
    total += batch.deleted;
    after = batch.next;
  }
  return total;
}

/**
 * Deletes sessions whose absolute expiry is older than the retention: they can authenticate
 * nothing, and a rotated refresh token is only worth recognising while its session could have
 * lived. Sessions that a grant points at (the view, or the actor's own session) stay: grants
 * are history, and deleting the session would rewrite the grant. Walks the expiry index once
 * per pass, so rows that stay are not examined again by the next batch.
 */
function purgeExpiredSessions(db: PrismaClient, cutoff: Date): Promise<number | 'busy'> {
  const first = { at: new Date(0), id: '00000000-0000-0000-0000-000000000000' };
  return deleteInBatches(db, first, async (tx, after) => {
    const [row] = await tx.$queryRaw<
      Array<{ deleted: number; scanned: number; lastAt: Date | null; lastId: string | null }>
    >`
      WITH batch AS (
        SELECT s.id, s."expiresAt" FROM "Session" s
        WHERE s."expiresAt" < ${cutoff}
          AND (s."expiresAt", s.id) > (${after.at}, ${after.id}::uuid)
        ORDER BY s."expiresAt", s.id
        LIMIT ${BATCH_SIZE}
      ), deleted AS (
        DELETE FROM "Session" s USING batch
        WHERE s.id = batch.id
          AND NOT EXISTS (SELECT 1 FROM "Impersonation" i WHERE i."sessionId" = s.id)
          AND NOT EXISTS (SELECT 1 FROM "Impersonation" i WHERE i."actorSessionId" = s.id)
        RETURNING s.id
      ), tail AS (
        SELECT id, "expiresAt" FROM batch ORDER BY "expiresAt" DESC, id DESC LIMIT 1
      )
      SELECT (SELECT count(*) FROM deleted)::int AS deleted,
             (SELECT count(*) FROM batch)::int AS scanned,
             (SELECT "expiresAt" FROM tail) AS "lastAt",
             (SELECT id::text FROM tail) AS "lastId"`;
    const full = row?.scanned === BATCH_SIZE;
    return {
      deleted: row?.deleted ?? 0,
      next: full && row.lastAt && row.lastId ? { at: row.lastAt, id: row.lastId } : null,
    };
  });
}

/**
 * Deletes rate-limit counters whose window started before the cutoff (the retention is at
 * least 48 hours: no window or lockout memory reaches further). Walks the primary key, the
 * table's only index, so a pass reads each row once whatever the share of dead rows. A counter
 * that an attempt renews meanwhile is re-checked by the DELETE and kept.
 */
function purgeStaleRateLimitCounters(db: PrismaClient, cutoff: Date): Promise<number | 'busy'> {
  return deleteInBatches(db, '', async (tx, after) => {
    const [row] = await tx.$queryRaw<
      Array<{ deleted: number; scanned: number; lastKey: string | null }>
    >`
      WITH batch AS (
        SELECT "key" FROM "RateLimitCounter" WHERE "key" > ${after}
        ORDER BY "key" LIMIT ${BATCH_SIZE}
      ), deleted AS (
        DELETE FROM "RateLimitCounter" r USING batch
        WHERE r."key" = batch."key" AND r."windowStartedAt" < ${cutoff}
        RETURNING r."key"
      )
      SELECT (SELECT count(*) FROM deleted)::int AS deleted,
             (SELECT count(*) FROM batch)::int AS scanned,
             (SELECT max("key") FROM batch) AS "lastKey"`;
    const full = row?.scanned === BATCH_SIZE;
    return { deleted: row?.deleted ?? 0, next: full && row.lastKey ? row.lastKey : null };
  });
}

/**
 * Deletes the rows of a table of records whose time (`at`) is before the cutoff, oldest first
 * along the time's index: every row before the cutoff goes, so each batch starts again from the
 * oldest. A row without a time (a mail not yet sent) is never before anything, and stays.
 */
function purgeRecordsBefore(
  db: PrismaClient,
  records: { table: string; key: string; at: string },
  cutoff: Date,
): Promise<number | 'busy'> {
  const [table, key, at] = [records.table, records.key, records.at].map((name) =>
    Prisma.raw(`"${name}"`),
  );
  return deleteInBatches(db, true, async (tx) => {
    const deleted = await tx.$executeRaw`
      DELETE FROM ${table} WHERE ${key} IN (
        SELECT ${key} FROM ${table} WHERE ${at} < ${cutoff} ORDER BY ${at} LIMIT ${BATCH_SIZE})`;
    return { deleted, next: deleted === BATCH_SIZE ? true : null };
  });
}

/** Records of reads served to impersonated sessions (looks/). */
const lookRecords = { table: 'LookRecord', key: 'id', at: 'occurredAt' };

/**
 * The outbox's copies of sent mails. Mails not yet sent stay whatever their age: delivery is at
 * least once. A notice's mail is not written again once its copy is gone: the notifier keys on
 * the notice, not the mail.
 */
const sentMails = { table: 'OutboxEmail', key: 'id', at: 'sentAt' };

/**
 * A spent link is remembered only while its token could still verify: no link lives longer than
 * MAX_MAIL_LINK_SECONDS after it was signed, and it was signed before it was spent. A day more
 * covers the clocks of other instances.
 */
export const SPENT_MAIL_LINK_RETENTION_MS = (MAX_MAIL_LINK_SECONDS + 86_400) * 1000;
const spentMailLinks = { table: 'SpentMailLink', key: 'jti', at: 'spentAt' };

/**
 * One housekeeping pass: expired sessions, stale rate-limit counters, old look records, the
 * copies of sent mails, then spent mail links that can no longer verify.
 * Grants (`Impersonation`) and audit events are history and are never deleted. Stops as soon
 * as another instance holds the lock, leaving the rest of the work to it.
 */
export async function runHousekeepingPass(
  db: PrismaClient,
  settings: HousekeepingSettings,
  now: Date,
): Promise<HousekeepingOutcome> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const counterCutoff = new Date(now.getTime() - settings.rateLimitRetentionHours * 3_600_000);
  const spentCutoff = new Date(now.getTime() - SPENT_MAIL_LINK_RETENTION_MS);
  const done = { sessions: 0, rateLimitCounters: 0, looks: 0, sentMails: 0, spentMailLinks: 0 };
  const steps: Array<[keyof typeof done, () => Promise<number | 'busy'>]> = [
    ['sessions', () => purgeExpiredSessions(db, daysAgo(settings.sessionRetentionDays))],
    ['rateLimitCounters', () => purgeStaleRateLimitCounters(db, counterCutoff)],
    ['looks', () => purgeRecordsBefore(db, lookRecords, daysAgo(settings.lookRetentionDays))],
    ['sentMails', () => purgeRecordsBefore(db, sentMails, daysAgo(settings.sentMailRetentionDays))],
    ['spentMailLinks', () => purgeRecordsBefore(db, spentMailLinks, spentCutoff)],
  ];
  for (const [name, step] of steps) {
    const deleted = await step();
    if (deleted === 'busy') return { ...done, busy: true };
    done[name] = deleted;
  }
  return { ...done, busy: false };
}

export interface Housekeeper {
  /** Stops the schedule and waits for a pass under way. */
  stop(): Promise<void>;
}

/**
 * Runs a pass every `intervalMinutes` in this process (the app servers call it), the first at a
 * random moment within the first interval so that instances started together do not all try
 * at once. Failures are logged and retried at the next interval; nothing here ever stops the
 * app. An interval of 0 turns housekeeping off.
 */
export function scheduleHousekeeping(
  db: () => Promise<PrismaClient>,
  settings: HousekeepingSettings,
): Housekeeper {
  if (settings.intervalMinutes === 0) return { stop: async () => {} };
  const intervalMs = settings.intervalMinutes * 60_000;
  const stopped = new AbortController();
  const loop = (async () => {
    let wait = Math.random() * intervalMs;
    for (;;) {
      try {
        await delay(wait, undefined, { signal: stopped.signal, ref: false });
      } catch {
        return;
      }
      wait = intervalMs;
      const started = performance.now();
      try {
        const outcome = await runHousekeepingPass(await db(), settings, new Date());
        const { busy, ...counts } = outcome;
        const deleted = Object.values(counts).reduce((sum, count) => sum + count, 0);
        if (deleted > 0 || busy) {
          logger.info('housekeeping.pass', {
            ...outcome,
            ms: Math.round(performance.now() - started),
          });
        }
      } catch (error) {
        logger.warn('housekeeping.failed', { error });
      }
    }
  })();
  return {
    stop: async () => {
      stopped.abort();
      await loop;
    },
  };
}
