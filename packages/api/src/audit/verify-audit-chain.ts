import { type PrismaClient } from '@hotdesk/db';

import { GENESIS_HASH, digestAuditEvent, hashAuditEvent } from './audit-chain';

export interface ChainProblem {
  id: string;
  kind: 'edited' | 'broken-link' | 'missing' | 'unchained';
  detail: string;
}

export interface ChainReport {
  checked: number;
  /** Chained rows, walked in chain order. */
  sealed: number;
  /** Rows written by Hotdesk that the sealer has not chained yet (normally for milliseconds). */
  pending: number;
  oldestPendingAt: Date | null;
  /** Rows written before the chain existed (they precede the first chained row). */
  legacy: number;
  problems: ChainProblem[];
  headHash: string;
}

interface Options {
  batchSize?: number;
  onProgress?: (checked: number) => void;
}

/**
 * Walks the chain in order and recomputes it: an edited event no longer matches its hash, a
 * deleted link leaves a gap in the positions, an inserted one breaks the link after it. Events
 * outside the chain must be queued for it with a valid digest (pending) or predate the chain.
 */
export async function verifyAuditChain(
  db: PrismaClient,
  options: Options = {},
): Promise<ChainReport> {
  const report: ChainReport = {
    checked: 0,
    sealed: 0,
    pending: 0,
    oldestPendingAt: null,
    legacy: 0,
    problems: [],
    headHash: GENESIS_HASH,
  };
  await walkChain(db, report, options);
  await walkUnsealed(db, report, options);
  return report;
}

async function walkChain(db: PrismaClient, report: ChainReport, options: Options) {
  let expected = 1n;
  for (;;) {
    const links = await db.auditChainLink.findMany({
      where: { seq: { gte: expected } },
      orderBy: { seq: 'asc' },
      take: options.batchSize ?? 5_000,
      include: { event: true },
    });
    if (links.length === 0) return;
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
      if (hashAuditEvent(link.prevHash, link.event) !== link.hash) {
        report.problems.push({
          id,
          kind: 'edited',
          detail: 'content no longer matches its hash: the event was edited',
        });
      }
      report.headHash = link.hash;
      expected = link.seq + 1n;
    }
    options.onProgress?.(report.checked);
  }
}

async function walkUnsealed(db: PrismaClient, report: ChainReport, options: Options) {
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
      const genuine = row.digest !== null && digestAuditEvent(row) === row.digest;
      if (genuine && row.sealQueue) {
        report.pending += 1;
        report.oldestPendingAt ??= row.occurredAt;
      } else if (row.digest === null && firstSealed && row.id < firstSealed.eventId) {
        report.legacy += 1;
      } else {
        report.problems.push({
          id: row.id.toString(),
          kind: 'unchained',
          detail: 'outside the chain, and not an event Hotdesk wrote and queued for it',
        });
      }
    }
    after = rows[rows.length - 1]!.id;
    options.onProgress?.(report.checked);
  }
}
