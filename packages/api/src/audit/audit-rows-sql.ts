import { type AuditKeyRing } from '@hotdesk/auth';
import { Prisma, type PrismaClient } from '@hotdesk/db';

import { digestAuditEvent, type ChainedContent } from './audit-chain';
import { noteWrittenAuditEvents, requestAuditSeal } from './audit-sealer';
import { type AuditEventInput } from './record-audit-event';

/** An event ready to write: its content and the keyed digest computed from it in this process. */
export interface PreparedAuditEvent {
  content: ChainedContent;
  digest: string;
  keyId: string;
}

/** The content an event is chained with: inside a view, the real actor, never the target. */
export function chainedContentOf(event: AuditEventInput): ChainedContent {
  const impersonation = event.actor?.impersonation ?? null;
  return {
    type: event.type,
    occurredAt: event.at,
    actorUserId: impersonation
      ? impersonation.actorUserId
      : (event.actor?.userId ?? event.actorUserId ?? null),
    actorCoworkerId: impersonation
      ? impersonation.actorCoworkerId
      : (event.actorCoworkerId ?? event.actor?.coworkerId ?? null),
    targetCoworkerId: event.targetCoworkerId ?? impersonation?.targetCoworkerId ?? null,
    locationId: event.locationId ?? impersonation?.locationId ?? null,
    impersonationId: event.impersonationId ?? impersonation?.id ?? null,
    sessionId: event.actor?.sessionId ?? null,
    ip: event.request.ip,
    userAgent: event.request.userAgent?.slice(0, 512) ?? null,
    data: (event.data ?? null) as Prisma.JsonValue,
  };
}

export function prepareAuditEvent(keys: AuditKeyRing, event: AuditEventInput): PreparedAuditEvent {
  const content = chainedContentOf(event);
  return { content, ...digestAuditEvent(keys, content) };
}

/** A timestamp parameter as the UTC wall time Prisma stores, whatever the server's zone. */
export const utc = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

/** One event to write in a statement, and the SQL condition under which it is written. */
export interface ConditionalAuditEvent {
  event: PreparedAuditEvent;
  when?: Prisma.Sql;
}

/**
 * CTEs for a data-modifying statement that writes `events` (each where its condition holds)
 * with their seal-queue rows: `audit_rows` (RETURNING id and digest) and `audit_queued`. The
 * statement reports what was written with `writtenAuditRowsJson`, and the caller hands that to
 * `noteCommittedAuditRows` once it has committed.
 */
export function auditRowsCte(events: readonly ConditionalAuditEvent[]): Prisma.Sql {
  const rows = events.map(({ event: { content: c, digest, keyId }, when }) => {
    const data = c.data === null || c.data === undefined ? null : JSON.stringify(c.data);
    return Prisma.sql`SELECT ${c.type}, ${utc(c.occurredAt)}, ${c.actorUserId}::int,
        ${c.actorCoworkerId}::int, ${c.targetCoworkerId}::int, ${c.locationId}::int,
        ${c.impersonationId}::uuid, ${c.sessionId}::uuid, ${c.ip}::text, ${c.userAgent}::text,
        ${data}::jsonb, ${digest}, ${keyId}
      WHERE ${when ?? Prisma.sql`true`}`;
  });
  return Prisma.sql`audit_rows AS (
      INSERT INTO "AuditEvent" ("type", "occurredAt", "actorUserId", "actorCoworkerId",
        "targetCoworkerId", "locationId", "impersonationId", "sessionId", "ip", "userAgent",
        "data", "digest", "keyId")
      ${Prisma.join(rows, ' UNION ALL ')}
      RETURNING "id", "digest"
    ), audit_queued AS (
      INSERT INTO "AuditSealQueue" ("eventId") SELECT "id" FROM audit_rows
    )`;
}

/** The select-list expression that reports the rows `auditRowsCte` wrote. */
export const writtenAuditRowsJson = Prisma.sql`COALESCE((SELECT json_agg(json_build_object(
    'id', "id"::text, 'digest', "digest")) FROM audit_rows), '[]'::json)`;

export type WrittenAuditRows = Array<{ id: string; digest: string }>;

/**
 * After the statement committed: the events it wrote join the sealer's list by id (matched by
 * digest: equal digests mean equal content, so either id chains the same), and it is woken.
 */
export function noteCommittedAuditRows(
  db: PrismaClient,
  events: readonly PreparedAuditEvent[],
  written: WrittenAuditRows,
): void {
  const byDigest = new Map<string, PreparedAuditEvent[]>();
  for (const event of events)
    byDigest.set(event.digest, [...(byDigest.get(event.digest) ?? []), event]);
  noteWrittenAuditEvents(
    db,
    written.flatMap(({ id, digest }) => {
      const event = byDigest.get(digest.trim())?.shift();
      return event ? [{ id: BigInt(id), content: event.content }] : [];
    }),
  );
  requestAuditSeal(db);
}
