import { setTimeout as delay } from 'node:timers/promises';

import { processWide, type PrismaClient } from '@hotdesk/db';

import { logger } from '../logging/logger';
import {
  GENESIS_HASH,
  eventDigestHolds,
  hashAuditLink,
  tryChainLock,
  type ChainHead,
} from './audit-chain';
import { writeAuditCheckpoint } from './audit-checkpoint';
import { auditTrailOf } from './audit-trail';
import {
  chainWrittenEvents,
  LEFT_BEHIND_AFTER_MS,
  readChainPosition,
  type WrittenEvent,
} from './chain-written-events';

const BATCH_SIZE = 500;

export type SealOutcome = { sealed: number; refused: number; head: ChainHead } | 'busy';

/**
 * Appends every committed, queued audit event to the hash chain, oldest first, in one
 * transaction under the chain lock. Events are written without the lock (in the transaction of
 * the change they record, with a queue entry) and chained here afterwards, so no request waits
 * for another request's audit write, and no event row is ever updated. An event whose keyed
 * digest does not hold was not written by Hotdesk: it leaves the queue unchained, for
 * `verifyAuditChain` to report. Returns 'busy' when another sealer, in this or another
 * process, holds the lock. (Were two to run at once anyway, the unique chain position and the
 * one link per event would fail one of them rather than fork the chain.)
 */
export function sealPendingAuditEvents(db: PrismaClient): Promise<SealOutcome> {
  const { keys } = auditTrailOf(db);
  return db.$transaction(
    async (tx) => {
      if (!(await tryChainLock(tx))) return 'busy' as const;

      const head = await tx.auditChainLink.findFirst({
        orderBy: { seq: 'desc' },
        select: { seq: true, hash: true, keyId: true },
      });
      let seq = head?.seq ?? 0n;
      let prevHash = head?.hash ?? GENESIS_HASH;
      // Events queued by the pre-key version (plain SHA-256 digests) are chained by the first
      // keyed pass after the upgrade; once any link is keyed, a digest anyone could compute is
      // never accepted again (an unkeyed link forged at the head does not reopen the door).
      const legacyDigestsAccepted =
        head === null ||
        (head.keyId === null &&
          (await tx.auditChainLink.findFirst({
            where: { keyId: { not: null } },
            select: { seq: true },
          })) === null);
      let sealed = 0;
      let refused = 0;
      for (;;) {
        const queued = await tx.auditSealQueue.findMany({
          orderBy: { eventId: 'asc' },
          take: BATCH_SIZE,
          select: { event: true },
        });
        const links: Array<{
          seq: bigint;
          eventId: bigint;
          prevHash: string;
          hash: string;
          keyId: string;
        }> = [];
        for (const { event } of queued) {
          const digest = eventDigestHolds(keys, event);
          if (digest === false || (digest === 'legacy' && !legacyDigestsAccepted)) {
            refused += 1;
            logger.warn('audit.seal_refused', { eventId: event.id.toString() });
            continue;
          }
          seq += 1n;
          const hash = hashAuditLink(keys, keys.currentKeyId, prevHash, event) as string;
          links.push({ seq, eventId: event.id, prevHash, hash, keyId: keys.currentKeyId });
          prevHash = hash;
        }
        if (links.length > 0) await tx.auditChainLink.createMany({ data: links });
        if (queued.length > 0) {
          await tx.auditSealQueue.deleteMany({
            where: { eventId: { in: queued.map(({ event }) => event.id) } },
          });
        }
        sealed += links.length;
        if (queued.length < BATCH_SIZE) break;
      }
      return { sealed, refused, head: { seq, hash: prevHash } };
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
}

// Another process's sealer holds the lock for a few milliseconds; it may have looked for
// pending rows just before ours committed, so try again until the lock is ours.
const BUSY_RETRY_MS = 25;
const BUSY_RETRIES = 400;
// Under load every audited commit asks for a pass; one pass per interval chains them all in a
// batch instead of paying a transaction (and its commit flush) for every few events.
const PASS_INTERVAL_MS = 100;
const FAILURE_RETRIES = 3;

const CHECKPOINT_BUSY_RETRY_MS = 1_000;

/**
 * Runs the sealer in the background for one Prisma client, coalescing requests, and keeps a
 * signed checkpoint of the chain's head outside the database at most one interval behind.
 */
class AuditSealer {
  private running: Promise<void> | null = null;
  private again = false;
  private lastCheckpointAt = 0;
  private checkpointTimer: NodeJS.Timeout | null = null;
  private pending: WrittenEvent[] = [];
  /** The head as this process last left it; null until its first full pass. */
  private head: ChainHead | null = null;
  private fullPassWanted = true;
  /** When an append last looked for queued rows others left behind (epoch ms). */
  private leftBehindCheckedAt = 0;

  constructor(private readonly db: PrismaClient) {}

  /** After new links: a checkpoint once the interval since the last one has passed. */
  private scheduleCheckpoint(delayMs?: number): void {
    if (this.checkpointTimer) return;
    const { intervalMs } = auditTrailOf(this.db).checkpoints;
    const wait = delayMs ?? Math.max(0, this.lastCheckpointAt + intervalMs - Date.now());
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      void this.checkpoint();
    }, wait);
    // A quiet process may exit before its timer; the next start checkpoints the same head.
    this.checkpointTimer.unref();
  }

  private async checkpoint(): Promise<void> {
    try {
      const written = await writeAuditCheckpoint(this.db);
      if (written === 'busy') return this.scheduleCheckpoint(CHECKPOINT_BUSY_RETRY_MS);
      this.lastCheckpointAt = Date.now();
    } catch (error) {
      logger.warn('audit.checkpoint_failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  /** Waits until no pass is running (a checkpoint may still be waiting for its time). */
  async quiet(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Waits for the running pass, and writes a checkpoint that was still waiting for its time. */
  async settle(): Promise<void> {
    await this.quiet();
    if (this.checkpointTimer) {
      clearTimeout(this.checkpointTimer);
      this.checkpointTimer = null;
      await this.checkpoint();
    }
  }

  /** Events this process committed; they are chained by the next pass. */
  note(events: readonly WrittenEvent[]): void {
    this.pending.push(...events);
  }

  /**
   * One pass. With the head known, the events this process wrote are chained in one statement
   * (chain-written-events.ts); when the chain moved under this process, one read of the new
   * head precedes the next try. A full pass over the queue runs first in each process, after a
   * failure, and when queued rows of others were left behind.
   */
  private async pass(): Promise<number | 'busy'> {
    if (!this.fullPassWanted && this.head && this.pending.length > 0) {
      const batch = this.pending.slice(0, BATCH_SIZE);
      const now = new Date();
      const lookForLeftBehind = now.getTime() - this.leftBehindCheckedAt >= LEFT_BEHIND_AFTER_MS;
      const appended = await chainWrittenEvents(this.db, this.head, batch, now, {
        lookForLeftBehind,
      });
      if (lookForLeftBehind && appended.outcome === 'chained') {
        this.leftBehindCheckedAt = now.getTime();
      }
      if (appended.outcome === 'busy') return 'busy';
      if (appended.outcome === 'chained') {
        this.pending.splice(0, batch.length);
        this.head = appended.head;
        if (appended.leftBehind > 0) this.fullPassWanted = true;
        if (this.pending.length > 0 || this.fullPassWanted) this.again = true;
        return batch.length;
      }
      // Another process appended (or chained some of these in a full pass of its own): start
      // again from the head as it is now, with what is still queued.
      const position = await readChainPosition(this.db, batch);
      this.head = position.head;
      if (position.headIsLegacy) this.fullPassWanted = true;
      this.pending = [
        ...batch.filter((event) => position.stillQueued.has(event.id)),
        ...this.pending.slice(batch.length),
      ];
      this.again = true;
      return 0;
    }
    if (!this.fullPassWanted) return 0;
    const outcome = await this.fullPass();
    return outcome === 'busy' ? 'busy' : outcome.sealed;
  }

  /** Chains everything queued, oldest first; what this process had noted is among it. */
  async fullPass(): Promise<SealOutcome> {
    const covered = this.pending.length;
    const outcome = await sealPendingAuditEvents(this.db);
    if (outcome === 'busy') return 'busy';
    this.pending.splice(0, covered);
    this.head = outcome.head;
    this.fullPassWanted = false;
    return outcome;
  }

  private async drain(): Promise<void> {
    let busy = 0;
    let failures = 0;
    do {
      this.again = false;
      const started = Date.now();
      try {
        const sealed = await this.pass();
        if (sealed === 'busy') {
          if (++busy > BUSY_RETRIES) return;
          this.again = true;
          await delay(BUSY_RETRY_MS, undefined, { ref: false });
        } else if (sealed > 0) {
          this.scheduleCheckpoint();
        }
      } catch (error) {
        // The events are committed and stay queued: a later pass chains them.
        logger.warn('audit.seal_failed', {
          error: error instanceof Error ? error.message : String(error),
        });
        this.fullPassWanted = true;
        if (++failures > FAILURE_RETRIES) return;
        this.again = true;
        await delay(100 * 2 ** failures, undefined, { ref: false });
      }
      const wait = started + PASS_INTERVAL_MS - Date.now();
      if (this.again && wait > 0) await delay(wait, undefined, { ref: false });
    } while (this.again);
  }
}

const sealers = processWide('auditSealers', () => new WeakMap<PrismaClient, AuditSealer>());

function sealerOf(db: PrismaClient): AuditSealer {
  let sealer = sealers.get(db);
  if (!sealer) sealers.set(db, (sealer = new AuditSealer(db)));
  return sealer;
}

/** Called after every audited commit: the new events join the chain shortly after. */
export function requestAuditSeal(db: PrismaClient): void {
  sealerOf(db).request();
}

/** Waits until this client's background sealing is done (before disconnecting it). */
export function settleAuditSealing(db: PrismaClient): Promise<void> {
  return sealerOf(db).settle();
}

/** The events a committed statement wrote, for the next pass to chain without reading them. */
export function noteWrittenAuditEvents(db: PrismaClient, events: readonly WrittenEvent[]): void {
  sealerOf(db).note(events);
}

/** Waits until this client's background sealing has no pass running. */
export function auditSealingQuiet(db: PrismaClient): Promise<void> {
  return sealerOf(db).quiet();
}

/** Waits for background sealing, then seals whatever is still pending (tests, CLI, shutdown). */
export async function sealAuditChainNow(db: PrismaClient): Promise<SealOutcome> {
  const sealer = sealerOf(db);
  await sealer.settle();
  for (;;) {
    const outcome = await sealer.fullPass();
    if (outcome !== 'busy') return outcome;
    await delay(BUSY_RETRY_MS);
  }
}
