import { createPrismaClient, readDbEnv, resolveDatabaseUrl } from '@hotdesk/db';

import { sealAuditChainNow } from '../audit/audit-sealer';
import { verifyAuditChain } from '../audit/verify-audit-chain';

// `pnpm audit:verify [--seal]`: recomputes the audit hash chain of DATABASE_URL (or the dev
// database) and exits non-zero when any event was edited, inserted or deleted. With --seal it
// first chains the events still pending, as the apps do after every audited write.
const seal = process.argv.slice(2).includes('--seal');
const db = createPrismaClient({ url: resolveDatabaseUrl(readDbEnv()), max: 2 });
try {
  if (seal) {
    const outcome = await sealAuditChainNow(db);
    if (outcome !== 'busy') console.info(`Sealed ${outcome.sealed} pending event(s).`);
  }
  const report = await verifyAuditChain(db, {
    onProgress: (checked) =>
      process.stderr.write(`\r  checked ${checked.toLocaleString('en')} events`),
  });
  process.stderr.write('\n');
  console.info(
    `Audit events checked: ${report.checked} (${report.sealed} chained${report.legacy ? `, ${report.legacy} written before the chain existed` : ''})`,
  );
  console.info(`Chain head: ${report.headHash}`);
  if (report.pending > 0) {
    console.info(
      `Pending: ${report.pending} event(s) not chained yet, the oldest from ${report.oldestPendingAt?.toISOString()}` +
        ' (the apps chain them right after each write; `pnpm audit:verify --seal` does it now).',
    );
  }
  if (report.problems.length === 0) {
    console.info('OK: no edited, inserted or deleted events.');
  } else {
    for (const problem of report.problems)
      console.error(`  event ${problem.id}: ${problem.kind} — ${problem.detail}`);
    console.error(`TAMPERING DETECTED: ${report.problems.length} problem(s).`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error('Could not verify the audit log:', error instanceof Error ? error.message : error);
  process.exitCode = 2;
} finally {
  await db.$disconnect();
}
