import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

import {
  signAuditCheckpoint,
  verifyAuditCheckpoint,
  type AuditCheckpoint,
  type KeySet,
} from '@hotdesk/auth';
import { type PrismaClient } from '@hotdesk/db';

import { logger } from '../logging/logger';
import { tryChainLock } from './audit-chain';
import { auditTrailOf, type AuditTrail } from './audit-trail';

const fileNamePattern = /^checkpoint-(\d{20})\.json$/;
const fileNameOf = (seq: string) => `checkpoint-${seq.padStart(20, '0')}.json`;

/**
 * Signs the chain's head and puts it outside the database: a file in the checkpoint directory,
 * or a log line (`audit.checkpoint`) when none is configured. The lock of the sealer is held
 * meanwhile, so of all instances only its holder writes, and never a head older than one
 * already written. Null when the chain is empty; 'busy' when another instance holds the lock.
 */
export function writeAuditCheckpoint(
  db: PrismaClient,
  now: Date = new Date(),
): Promise<AuditCheckpoint | 'busy' | null> {
  const trail = auditTrailOf(db);
  return db.$transaction(
    async (tx) => {
      if (!(await tryChainLock(tx))) return 'busy' as const;
      const head = await tx.auditChainLink.findFirst({
        orderBy: { seq: 'desc' },
        select: { seq: true, hash: true },
      });
      if (!head) return null;
      const checkpoint: AuditCheckpoint = {
        iss: trail.checkpoints.issuer,
        seq: head.seq.toString(),
        hash: head.hash,
        at: now.toISOString(),
      };
      await publishCheckpoint(trail, checkpoint);
      return checkpoint;
    },
    { maxWait: 15_000, timeout: 30_000 },
  );
}

async function publishCheckpoint(trail: AuditTrail, checkpoint: AuditCheckpoint): Promise<void> {
  const signed = await signAuditCheckpoint(trail.checkpoints.signer, checkpoint);
  const directory = trail.checkpoints.directory;
  if (directory === null) {
    logger.info('audit.checkpoint', { seq: checkpoint.seq, hash: checkpoint.hash, signed });
    return;
  }
  await mkdir(directory, { recursive: true });
  // Written whole or not at all: a reader never sees half a checkpoint.
  const file = path.join(directory, fileNameOf(checkpoint.seq));
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(signed)}\n`);
  await rename(temporary, file);
}

/** The newest checkpoint in `directory` (the highest chain position), verified; null if none. */
export async function readLatestAuditCheckpoint(
  directory: string,
  keys: KeySet,
  issuer: string,
): Promise<{ checkpoint: AuditCheckpoint; file: string } | null> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const latest = names
    .filter((name) => fileNamePattern.test(name))
    .sort()
    .at(-1);
  if (!latest) return null;
  const file = path.join(directory, latest);
  return { checkpoint: await readAuditCheckpointFile(file, keys, issuer), file };
}

/**
 * A checkpoint kept anywhere: a file holding the signed checkpoint, or the `audit.checkpoint`
 * log line that carried it. Throws when it does not verify.
 */
export async function readAuditCheckpointFile(
  file: string,
  keys: KeySet,
  issuer: string,
): Promise<AuditCheckpoint> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new Error(`Audit checkpoint ${file}: not JSON`);
  }
  const signed =
    typeof parsed === 'object' && parsed !== null && 'signed' in parsed ? parsed.signed : parsed;
  return verifyAuditCheckpoint(keys, signed, issuer);
}
