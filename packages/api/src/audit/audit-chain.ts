import { createHash } from 'node:crypto';

import { type Prisma } from '@hotdesk/db';

/** `prevHash` of the first event of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

// One chain for the whole table, appended to by one sealer at a time across all app
// instances: whoever holds this transaction-scoped lock (audit-sealer.ts).
export const AUDIT_CHAIN_LOCK = 0x686f7464; // "hotd"

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

/** The row's own fingerprint, written with it: what the sealer checks before chaining it. */
export function digestAuditEvent(event: ChainedContent): string {
  return createHash('sha256').update(canonicalContent(event)).digest('hex');
}

/** The chain link: this row's content bound to the hash of the row sealed before it. */
export function hashAuditEvent(prevHash: string, event: ChainedContent): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalContent(event))
    .digest('hex');
}
