import '@hotdesk/config/load-env-file';

import { parseArgs } from 'node:util';

import { type AuditCheckpoint } from '@hotdesk/auth';
import { createPrismaClient, dbEnvOf, resolveDatabaseUrl } from '@hotdesk/db';

import { readAuditCheckpointFile, readLatestAuditCheckpoint } from '../audit/audit-checkpoint';
import { sealAuditChainNow } from '../audit/audit-sealer';
import { attachAuditTrail } from '../audit/audit-trail';
import { verifyAuditChain } from '../audit/verify-audit-chain';
import { configFromEnv } from '../config';
import { serverEnv } from '../env';
import { auditTrailFor, loadDeploymentKeys } from '../runtime';

// `pnpm audit:verify [--seal] [--checkpoint <file>]`: recomputes the keyed audit chain of
// DATABASE_URL (or the dev database) and exits 1 when any event was edited, inserted or
// deleted, or when the chain no longer reaches the last signed checkpoint (the newest file in
// HOTDESK_AUDIT_CHECKPOINT_DIR, or the file given, which may hold an `audit.checkpoint` log
// line). With --seal it first chains the events still pending, as the apps do after every
// audited write. Exit 2: it could not verify at all (no database, a key or checkpoint that does
// not load).
const { values } = parseArgs({
  options: { seal: { type: 'boolean', default: false }, checkpoint: { type: 'string' } },
});

const env = serverEnv();
const dbEnv = dbEnvOf(env);
const config = configFromEnv(env);
const db = createPrismaClient({ url: resolveDatabaseUrl(dbEnv), max: 2 });
try {
  const { keys, auditKeys } = await loadDeploymentKeys(env, dbEnv.dataDir);
  attachAuditTrail(db, auditTrailFor(config, keys, auditKeys));
  let checkpoint: AuditCheckpoint | null = null;
  if (values.checkpoint) {
    checkpoint = await readAuditCheckpointFile(values.checkpoint, keys, config.issuer);
  } else if (config.auditCheckpoints.directory) {
    const latest = await readLatestAuditCheckpoint(
      config.auditCheckpoints.directory,
      keys,
      config.issuer,
    );
    checkpoint = latest?.checkpoint ?? null;
  }
  if (values.seal) {
    const outcome = await sealAuditChainNow(db);
    if (outcome !== 'busy') console.info(`Sealed ${outcome.sealed} pending event(s).`);
  }
  const report = await verifyAuditChain(db, {
    keys: auditKeys,
    checkpoint,
    onProgress: (checked) =>
      process.stderr.write(`\r  checked ${checked.toLocaleString('en')} events`),
  });
  process.stderr.write('\n');
  console.info(
    `Audit events checked: ${report.checked} (${report.sealed} chained${report.legacy ? `, ${report.legacy} from before the chain was keyed` : ''})`,
  );
  console.info(`Chain head: position ${report.headSeq}, ${report.headHash}`);
  console.info(
    checkpoint
      ? `Checkpoint: position ${checkpoint.seq}, signed ${checkpoint.at}.`
      : 'Checkpoint: none found (set HOTDESK_AUDIT_CHECKPOINT_DIR or pass --checkpoint): a deleted tail of the chain cannot be detected.',
  );
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
      console.error(
        `  ${problem.id ? `event ${problem.id}` : 'chain'}: ${problem.kind} — ${problem.detail}`,
      );
    console.error(`TAMPERING DETECTED: ${report.problems.length} problem(s).`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error('Could not verify the audit log:', error instanceof Error ? error.message : error);
  process.exitCode = 2;
} finally {
  await db.$disconnect();
}
