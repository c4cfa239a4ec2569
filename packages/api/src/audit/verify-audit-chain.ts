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
 * Walks the chain in order and recomputes it: an edited row no longer matches its hash, a
 * deleted one leaves a gap in the positions, an inserted one breaks the link of the row after
 * it. Rows outside the chain must carry a valid digest (pending) or predate the chain.
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
    const rows = await db.auditEvent.findMany({
      where: { chainSeq: { gte: expected } },
      orderBy: { chainSeq: 'asc' },
      take: options.batchSize ?? 5_000,
    });
    if (rows.length === 0) return;
    for (const row of rows) {
      const id = row.id.toString();
      const seq = row.chainSeq!;
      report.checked += 1;
      report.sealed += 1;
      if (seq !== expected) {
        report.problems.push({
          id,
          kind: 'missing',
          detail: `chain positions ${expected}–${seq - 1n} are gone: events were deleted before this one`,
        });
      }
      if (row.prevHash !== report.headHash) {
        report.problems.push({
          id,
          kind: 'broken-link',
          detail: 'does not link to the event before it: an event was inserted or replaced here',
        });
      }
      if (row.prevHash === null || hashAuditEvent(row.prevHash, row) !== row.hash) {
        report.problems.push({
          id,
          kind: 'edited',
          detail: 'content no longer matches its hash: the event was edited',
        });
      }
      report.headHash = row.hash ?? report.headHash;
      expected = seq + 1n;
    }
    options.onProgress?.(report.checked);
  }
}

async function walkUnsealed(db: PrismaClient, report: ChainReport, options: Options) {
  const firstSealed = await db.auditEvent.findFirst({
    where: { chainSeq: { not: null } },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  let after = -1n;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { chainSeq: null, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: options.batchSize ?? 5_000,
    });
    if (rows.length === 0) return;
    for (const row of rows) {
      report.checked += 1;
      if (row.digest !== null && digestAuditEvent(row) === row.digest) {
        report.pending += 1;
        report.oldestPendingAt ??= row.occurredAt;
      } else if (row.digest === null && firstSealed && row.id < firstSealed.id) {
        report.legacy += 1;
      } else {
        report.problems.push({
          id: row.id.toString(),
          kind: 'unchained',
          detail: 'outside the chain without a valid digest: not written by Hotdesk',
        });
      }
    }
    after = rows[rows.length - 1]!.id;
    options.onProgress?.(report.checked);
  }
}
