import { type PrismaClient } from '@hotdesk/db';

import { GENESIS_HASH, hashAuditEvent } from './audit-chain';

export interface ChainProblem {
  id: string;
  kind: 'edited' | 'broken-link' | 'unchained';
  detail: string;
}

export interface ChainReport {
  checked: number;
  /** Rows written before the chain existed (they precede the first chained row). */
  legacy: number;
  problems: ChainProblem[];
  headHash: string;
}

/**
 * Walks the audit log in order and recomputes the chain. An edited row no longer matches its
 * own hash; a deleted or inserted row breaks the link of the row after it.
 */
export async function verifyAuditChain(
  db: PrismaClient,
  options: { batchSize?: number; onProgress?: (checked: number) => void } = {},
): Promise<ChainReport> {
  const batchSize = options.batchSize ?? 5_000;
  const report: ChainReport = { checked: 0, legacy: 0, problems: [], headHash: GENESIS_HASH };
  let chainStarted = false;
  let cursor: bigint | undefined;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      ...(cursor === undefined ? {} : { where: { id: { gt: cursor } } }),
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      report.checked += 1;
      const id = row.id.toString();
      if (row.hash === null || row.prevHash === null) {
        if (chainStarted)
          report.problems.push({
            id,
            kind: 'unchained',
            detail: 'row without a hash inside the chain (inserted by hand?)',
          });
        else report.legacy += 1;
        continue;
      }
      chainStarted = true;
      if (row.prevHash !== report.headHash) {
        report.problems.push({
          id,
          kind: 'broken-link',
          detail: 'does not link to the row before it: a row was deleted or inserted here',
        });
      }
      if (hashAuditEvent(row.prevHash, row) !== row.hash) {
        report.problems.push({
          id,
          kind: 'edited',
          detail: 'content no longer matches its hash: the row was edited',
        });
      }
      report.headHash = row.hash;
    }
    cursor = rows[rows.length - 1]!.id;
    options.onProgress?.(report.checked);
  }
  return report;
}
