import { type AuditCheckpoint, type AuditKeyRing } from '@hotdesk/auth';
import { type PrismaClient } from '@hotdesk/db';

import { GENESIS_HASH, eventDigestHolds, hashAuditLink } from './audit-chain';

export interface ChainProblem {
  /** The event concerned; null for a fault of the chain as a whole (its end). */
  id: string | null;
  kind: 'edited' | 'broken-link' | 'missing' | 'unchained' | 'forged' | 'unknown-key' | 'truncated';
  detail: string;
}

export interface ChainReport {
  checked: number;
  /** Chained rows, walked in chain order. */
  sealed: number;
  /** Rows written by Hotdesk that the sealer has not chained yet (normally for milliseconds). */
  pending: number;
  oldestPendingAt: Date | null;
  /** Rows that verify only as they were before the chain was keyed (or before it existed). */
  legacy: number;
  problems: ChainProblem[];
  headHash: string;
  headSeq: bigint;
  /** The checkpoint compared with, if one was given. */
  checkpoint: AuditCheckpoint | null;
}

interface Options {
  keys: AuditKeyRing;
  /** The last signed head kept outside the database: the chain must still reach it, unchanged. */
  checkpoint?: AuditCheckpoint | null;
  batchSize?: number;
  onProgress?: (checked: number) => void;
}

/**
 * Walks the chain in order and recomputes it with the audit keys: an edited event no longer
 * matches its link, a deleted link leaves a gap in the positions, an inserted one breaks the
 * link after it, and a link or digest computed without the key matches nothing. Events outside
 * the chain must be queued for it with a valid digest (pending) or predate the chain. Against
 * a checkpoint, a chain that no longer reaches the signed head has lost its tail.
 */
export async function verifyAuditChain(db: PrismaClient, options: Options): Promise<ChainReport> {
  const report: ChainReport = {
    checked: 0,
    sealed: 0,
    pending: 0,
    oldestPendingAt: null,
    legacy: 0,
    problems: [],
    headHash: GENESIS_HASH,
    headSeq: 0n,
    checkpoint: options.checkpoint ?? null,
  };
  const keyed = await walkChain(db, report, options);
  await walkUnsealed(db, report, options, keyed);
  return report;
}

/** Walks the links in order; true when the chain has been keyed. */
async function walkChain(db: PrismaClient, report: ChainReport, options: Options) {
  const checkpointSeq = options.checkpoint ? BigInt(options.checkpoint.seq) : null;
  let expected = 1n;
  let keyed = false;
  for (;;) {
    const links = await db.auditChainLink.findMany({
      where: { seq: { gte: expected } },
      orderBy: { seq: 'asc' },
      take: options.batchSize ?? 5_000,
      include: { event: true },
    });
    if (links.length === 0) break;
    for (const link of links) {
      const id = link.eventId.toString();
      report.checked += 1;
      report.sealed += 1;
      if (link.seq !== expected) {
        report.problems.push({
          id,
          kind: 'missing',
          detail: `chain positions ${expected}–${link.seq - 1n} are gone: events were deleted before this one`,
        });
      }
      if (link.prevHash !== report.headHash) {
        report.problems.push({
          id,
          kind: 'broken-link',
          detail: 'does not link to the event before it: an event was inserted or replaced here',
        });
      }
      const hash = hashAuditLink(options.keys, link.keyId, link.prevHash, link.event);
      if (link.keyId === null && keyed) {
        report.problems.push({
          id,
          kind: 'forged',
          detail: 'linked without the audit key after the chain was keyed: not made by Hotdesk',
        });
      } else if (hash === null) {
        report.problems.push({
          id,
          kind: 'unknown-key',
          detail: `linked under audit key "${link.keyId}", which HOTDESK_AUDIT_KEYS no longer lists: cannot be verified`,
        });
      } else if (hash !== link.hash) {
        report.problems.push({
          id,
          kind: 'edited',
          detail: 'content no longer matches its keyed hash: the event was edited, or forged',
        });
      }
      if (link.keyId === null) report.legacy += 1;
      else keyed = true;
      if (link.seq === checkpointSeq && link.hash !== options.checkpoint?.hash) {
        report.problems.push({
          id,
          kind: 'edited',
          detail: `differs from the signed checkpoint of ${options.checkpoint?.at}: history before it was rewritten`,
        });
      }
      report.headHash = link.hash;
      report.headSeq = link.seq;
      expected = link.seq + 1n;
    }
    options.onProgress?.(report.checked);
  }
  if (checkpointSeq !== null && report.headSeq < checkpointSeq) {
    report.problems.push({
      id: null,
      kind: 'truncated',
      detail: `the chain ends at position ${report.headSeq}, but the signed checkpoint of ${options.checkpoint?.at} recorded position ${checkpointSeq}: events were deleted from its end`,
    });
  }
  return keyed;
}

async function walkUnsealed(
  db: PrismaClient,
  report: ChainReport,
  options: Options,
  chainKeyed: boolean,
) {
  const firstSealed = await db.auditChainLink.findFirst({
    orderBy: { eventId: 'asc' },
    select: { eventId: true },
  });
  let after = -1n;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { chainLink: null, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: options.batchSize ?? 5_000,
      include: { sealQueue: true },
    });
    if (rows.length === 0) return;
    for (const row of rows) {
      report.checked += 1;
      const digest = eventDigestHolds(options.keys, row);
      // A plain SHA-256 digest is anyone's to compute: it only passes while nothing is keyed.
      const genuine = digest === 'keyed' || (digest === 'legacy' && !chainKeyed);
      if (genuine && row.sealQueue) {
        report.pending += 1;
        report.oldestPendingAt ??= row.occurredAt;
      } else if (row.digest === null && firstSealed && row.id < firstSealed.eventId) {
        report.legacy += 1;
      } else {
        report.problems.push({
          id: row.id.toString(),
          kind: 'unchained',
          detail:
            'outside the chain, and not an event Hotdesk wrote (with the key) and queued for it',
        });
      }
    }
    after = rows[rows.length - 1]!.id;
    options.onProgress?.(report.checked);
  }
}
