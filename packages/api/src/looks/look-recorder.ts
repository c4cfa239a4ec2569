import { hotQuery, Prisma, processWide, type PrismaClient } from '@hotdesk/db';

import { logger } from '../logging/logger';

/** One read served to an impersonated session, as it is written to `LookRecord`. */
export interface Look {
  impersonationId: string;
  targetCoworkerId: number;
  at: Date;
  /** A tRPC procedure path (`teams.administered`) or a REST route (`GET /api/public/teams/my`). */
  what: string;
  /** The ids the request named, by input field; null when it named none. */
  objectIds: Record<string, string | number> | null;
  summary: string | null;
  subject: string | null;
  /** `OK`, or the error code of the answer. */
  outcome: string;
}

const FLUSH_INTERVAL_MS = 500;
/** Rows per INSERT; as many queued flush at once instead of waiting for the interval. */
const ROWS_PER_INSERT = 200;
// A view reads a few rows a second at most: 10,000 is minutes of every view of an instance
// while the database is away, and a few MB at worst.
const MAX_QUEUED = 10_000;
const MAX_ATTEMPTS = 5;
const MAX_RETRY_DELAY_MS = 8_000;

/** One statement for a whole batch: parallel arrays, zipped by `unnest`. */
function insertStatement(looks: readonly Look[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "LookRecord" ("impersonationId", "targetCoworkerId", "occurredAt", "what",
      "objectIds", "summary", "subject", "outcome")
    SELECT * FROM unnest(${looks.map((l) => l.impersonationId)}::uuid[],
      ${looks.map((l) => l.targetCoworkerId)}::int[],
      ${looks.map((l) => l.at.toISOString())}::timestamp(3)[],
      ${looks.map((l) => l.what)}::text[],
      ${looks.map((l) => (l.objectIds ? JSON.stringify(l.objectIds) : null))}::jsonb[],
      ${looks.map((l) => l.summary)}::text[], ${looks.map((l) => l.subject)}::text[],
      ${looks.map((l) => l.outcome)}::text[])`;
}

// Listed on the process, not in this module's copy (processWide): the app server's shutdown
// writes the records of every client's recorder.
const recordersWithWork = processWide(
  'lookRecordersWithWork',
  () => new Set<{ settle(): Promise<void> }>(),
);

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Keeps the looks of one Prisma client's requests in memory and writes them in batches, one
 * INSERT each, off the request path: a read served to a view never waits for its record.
 *
 * What is lost, and when: records are kept in this process only until written. While the
 * database refuses them, a batch is retried with growing pauses and dropped after
 * `MAX_ATTEMPTS` failures; past `MAX_QUEUED` waiting records, new ones are dropped; a process
 * killed without its shutdown flush loses up to one interval. Each loss is a warning in the
 * log with its count. A look is a convenience for members and operators, not evidence (the
 * audit chain holds every change): losing a few during an outage beats holding requests or
 * memory hostage to it.
 */
class LookRecorder {
  private queue: Look[] = [];
  private timer: NodeJS.Timeout | null = null;
  private timerDue = 0;
  private flushing: Promise<void> | null = null;
  private failures = 0;
  private droppedWhileFull = 0;

  constructor(private readonly db: PrismaClient) {}

  add(look: Look): void {
    if (this.queue.length >= MAX_QUEUED) {
      this.droppedWhileFull += 1;
      return;
    }
    this.queue.push(look);
    recordersWithWork.add(this);
    this.wake(this.queue.length >= ROWS_PER_INSERT ? 0 : FLUSH_INTERVAL_MS);
  }

  /** Flushes at most `delayMs` from now (sooner if already due); a running flush comes back. */
  private wake(delayMs: number): void {
    if (this.flushing) return;
    const due = Date.now() + delayMs;
    if (this.timer && this.timerDue <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushing = this.writeOneBatch().finally(() => {
        this.flushing = null;
        if (this.queue.length === 0) return;
        const retryDelay = Math.min(FLUSH_INTERVAL_MS * 2 ** this.failures, MAX_RETRY_DELAY_MS);
        this.wake(this.failures > 0 ? retryDelay : FLUSH_INTERVAL_MS);
      });
    }, delayMs);
    // Never what keeps a process alive: shutdown flushes explicitly (`settleLookRecording`).
    this.timer.unref();
  }

  private async writeOneBatch(): Promise<void> {
    this.reportDroppedWhileFull();
    const batch = this.queue.slice(0, ROWS_PER_INSERT);
    if (batch.length === 0) return;
    try {
      await hotQuery(this.db, insertStatement(batch));
      this.queue.splice(0, batch.length);
      this.failures = 0;
      if (this.queue.length === 0) recordersWithWork.delete(this);
    } catch (error) {
      this.failures += 1;
      if (this.failures < MAX_ATTEMPTS) {
        logger.warn('looks.write_failed', {
          looks: batch.length,
          attempt: this.failures,
          error: messageOf(error),
        });
        return;
      }
      this.queue.splice(0, batch.length);
      this.failures = 0;
      if (this.queue.length === 0) recordersWithWork.delete(this);
      logger.warn('looks.dropped', { looks: batch.length, error: messageOf(error) });
    }
  }

  private reportDroppedWhileFull(): void {
    if (this.droppedWhileFull === 0) return;
    logger.warn('looks.dropped', { looks: this.droppedWhileFull, why: 'queue full' });
    this.droppedWhileFull = 0;
  }

  /**
   * Writes everything queued now and waits for it (tests, shutdown). One attempt per batch: a
   * process stopping during an outage drops what it cannot write rather than hang.
   */
  async settle(): Promise<void> {
    for (;;) {
      if (this.flushing) {
        await this.flushing;
        continue;
      }
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      if (this.queue.length === 0) return this.reportDroppedWhileFull();
      this.failures = MAX_ATTEMPTS - 1;
      this.flushing = this.writeOneBatch().finally(() => {
        this.flushing = null;
      });
      await this.flushing;
    }
  }
}

const recorders = processWide('lookRecorders', () => new WeakMap<PrismaClient, LookRecorder>());

function recorderOf(db: PrismaClient): LookRecorder {
  let recorder = recorders.get(db);
  if (!recorder) recorders.set(db, (recorder = new LookRecorder(db)));
  return recorder;
}

/** Queues a look for this client's next batch; returns at once, never throws. */
export function recordLook(db: PrismaClient, look: Look): void {
  recorderOf(db).add(look);
}

/** Writes this client's queued looks now and waits until they are written (or dropped). */
export function settleLookRecording(db: PrismaClient): Promise<void> {
  return recorderOf(db).settle();
}

/** Writes every look this process still holds, whichever copy of this module queued it (shutdown). */
export async function settleAllLookRecording(): Promise<void> {
  await Promise.all([...recordersWithWork].map((recorder) => recorder.settle()));
}
