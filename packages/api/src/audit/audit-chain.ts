import { createHash } from 'node:crypto';
import { type AuditKeyRing } from '@hotdesk/auth';
import { type Prisma } from '@hotdesk/db';

/** `prevHash` of the first event of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

// One chain for the whole table, appended to by one sealer at a time across all app
// instances: whoever holds this transaction-scoped lock (audit-sealer.ts). Checkpoints of the
// head are written under it too (audit-checkpoint.ts), so they never go backwards.
export const AUDIT_CHAIN_LOCK = 0x686f7464; // "hotd"

/** Takes the chain's lock for the rest of `tx` if nobody holds it; false when somebody does. */
export async function tryChainLock(tx: Prisma.TransactionClient): Promise<boolean> {
  const [lock] = await tx.$queryRaw<Array<{ acquired: boolean }>>`
    SELECT pg_try_advisory_xact_lock(${AUDIT_CHAIN_LOCK}) AS acquired`;
  return lock?.acquired === true;
}

/** Where the chain ends: its last position and hash (0 and the genesis hash when empty). */
export interface ChainHead {
  seq: bigint;
  hash: string;
}

export interface ChainedContent {
  type: string;
  occurredAt: Date;
  actorUserId: number | null;
  actorCoworkerId: number | null;
  targetCoworkerId: number | null;
  locationId: number | null;
  impersonationId: string | null;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  data: Prisma.JsonValue | null | undefined;
}

/** An event as stored: its content and the fingerprint written with it. */
export interface StoredEvent extends ChainedContent {
  digest: string | null;
  keyId: string | null;
}

/** JSON with object keys sorted, so a jsonb round trip (which reorders keys) hashes the same. */
function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function canonicalContent(event: ChainedContent): string {
  return canonicalJson([
    event.type,
    event.occurredAt.toISOString(),
    event.actorUserId,
    event.actorCoworkerId,
    event.targetCoworkerId,
    event.locationId,
    event.impersonationId,
    event.sessionId,
    event.ip,
    event.userAgent,
    event.data ?? null,
  ]);
}

const sha256 = (...parts: string[]) => {
  const hash = createHash('sha256');
  parts.forEach((part, i) => hash.update(i === 0 ? part : `\n${part}`));
  return hash.digest('hex');
};

/**
 * The row's own fingerprint, computed before the insert and written with it: an HMAC under the
 * current audit key, so nobody with only database access can make a row the sealer accepts.
 */
export function digestAuditEvent(
  keys: AuditKeyRing,
  event: ChainedContent,
): { digest: string; keyId: string } {
  const keyId = keys.currentKeyId;
  return { digest: keys.mac(keyId, 'event', canonicalContent(event)) as string, keyId };
}

/**
 * Whether a stored event carries the fingerprint Hotdesk wrote: `keyed` under a listed key,
 * `legacy` for the plain SHA-256 of rows written before the chain was keyed, `false` for
 * anything else (no digest, a wrong one, an unknown key).
 */
export function eventDigestHolds(
  keys: AuditKeyRing,
  event: StoredEvent,
): 'keyed' | 'legacy' | false {
  if (event.digest === null) return false;
  if (event.keyId === null) return sha256(canonicalContent(event)) === event.digest && 'legacy';
  return keys.mac(event.keyId, 'event', canonicalContent(event)) === event.digest && 'keyed';
}

/**
 * The chain link: this event's content bound to the hash of the link before it, under the
 * audit key `keyId` (null: the plain SHA-256 of links made before the chain was keyed). Null
 * when `keyId` names no listed key.
 */
export function hashAuditLink(
  keys: AuditKeyRing,
  keyId: string | null,
  prevHash: string,
  event: ChainedContent,
): string | null {
  if (keyId === null) return sha256(prevHash, canonicalContent(event));
  return keys.mac(keyId, 'link', prevHash, canonicalContent(event));
}

/** The plain SHA-256 digest of the pre-key format, for tests that recreate legacy rows. */
export function legacyDigest(event: ChainedContent): string {
  return sha256(canonicalContent(event));
}
