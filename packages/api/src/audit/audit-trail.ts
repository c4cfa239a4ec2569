import { type AuditKeyRing, type KeySet } from '@hotdesk/auth';
import { processWide, type Prisma, type PrismaClient } from '@hotdesk/db';

/** What a database's audit log is kept with: its HMAC keys and where checkpoints go. */
export interface AuditTrail {
  keys: AuditKeyRing;
  checkpoints: {
    /** The deployment's Ed25519 (or ES256) key set signs each checkpoint. */
    signer: KeySet;
    issuer: string;
    /** A directory outside the database; null writes them to the log instead. */
    directory: string | null;
    intervalMs: number;
  };
}

// Per database client, like the sealer and the transaction admission: a process may hold
// clients of several databases (tests do), each with its own deployment's keys.
const trails = processWide('auditTrails', () => new WeakMap<PrismaClient, AuditTrail>());
const transactionKeys = new WeakMap<Prisma.TransactionClient, AuditKeyRing>();

/** Gives a database client its audit keys; every audited write through it needs them. */
export function attachAuditTrail(db: PrismaClient, trail: AuditTrail): void {
  trails.set(db, trail);
}

export function auditTrailOf(db: PrismaClient): AuditTrail {
  const trail = trails.get(db);
  // Never a silently unkeyed event: a client without keys cannot write to the audit log.
  if (!trail) throw new Error('This database client has no audit keys (attachAuditTrail).');
  return trail;
}

/** Marks `tx` as a transaction of `db`, so events written in it are keyed with db's keys. */
export function bindAuditKeys(tx: Prisma.TransactionClient, db: PrismaClient): void {
  transactionKeys.set(tx, auditTrailOf(db).keys);
}

export function auditKeysOfTransaction(tx: Prisma.TransactionClient): AuditKeyRing {
  const keys = transactionKeys.get(tx);
  if (!keys) throw new Error('Audit events are written inside auditedTransaction.');
  return keys;
}
