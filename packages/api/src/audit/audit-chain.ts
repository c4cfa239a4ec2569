import { createHash } from 'node:crypto';

import { type Prisma } from '@hotdesk/db';

import { type Db } from '../context';

/** `prevHash` of the first event of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

// One chain for the whole table: appends are serialised by this transaction-scoped lock, so
// every event links to the one committed before it, across all app instances.
const AUDIT_CHAIN_LOCK = 0x686f7464; // "hotd"

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

export function hashAuditEvent(prevHash: string, event: ChainedContent): string {
  const content = canonicalJson([
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
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** Takes the chain lock (held until the transaction ends) and returns the current head. */
export async function lockChainHead(tx: Db): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const head = await tx.auditEvent.findFirst({
    where: { hash: { not: null } },
    orderBy: { id: 'desc' },
    select: { hash: true },
  });
  return head?.hash ?? GENESIS_HASH;
}
