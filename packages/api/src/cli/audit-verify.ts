import { createPrismaClient, readDbEnv, resolveDatabaseUrl } from '@hotdesk/db';

import { verifyAuditChain } from '../audit/verify-audit-chain';

// `pnpm audit:verify`: recomputes the audit hash chain of DATABASE_URL (or the dev database)
// and exits non-zero when any row was edited, inserted or deleted.
const db = createPrismaClient({ url: resolveDatabaseUrl(readDbEnv()), max: 2 });
try {
  const report = await verifyAuditChain(db, {
    onProgress: (checked) =>
      process.stderr.write(`\r  checked ${checked.toLocaleString('en')} events`),
  });
  process.stderr.write('\n');
  console.info(
    `Audit events checked: ${report.checked}${report.legacy ? ` (${report.legacy} written before the chain existed)` : ''}`,
  );
  console.info(`Chain head: ${report.headHash}`);
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
