import { Prisma } from '@hotdesk/db';

import { type Db } from '../context';

/** One thing a view did that the member is told about, first seen `at`. */
export interface SummaryPart {
  at: Date;
  text: string;
}

/** What a view revealed, by the `secret` of its `MEMBER_SECRET_REVEALED` event. */
const revealed: Record<string, string> = {
  DOOR_PIN: 'revealed your door PIN',
  PAYMENT_METHOD: 'revealed your payment details',
};
const revealedOther = 'revealed a secret of your account';

/** Past this many, the rest is counted, not listed: a summary is a line, not a log. */
const MAX_PARTS = 10;

/**
 * The plain-language line a member reads about one view of their account, e.g. "viewed your
 * invoices, opened INV-0042, revealed your door PIN": each thing once, in the order it first
 * happened; null when the view looked at nothing a member would recognise.
 */
export function summarizeView(parts: readonly SummaryPart[]): string | null {
  const ordered = [...parts].sort((a, b) => a.at.getTime() - b.at.getTime());
  const distinct = [...new Set(ordered.map((part) => part.text))];
  if (distinct.length === 0) return null;
  const listed = distinct.slice(0, MAX_PARTS);
  const more = distinct.length - listed.length;
  return more > 0 ? `${listed.join(', ')} and ${more} more` : listed.join(', ');
}

interface PartRow {
  impersonationId: string;
  at: Date;
  summary: string | null;
  subject: string | null;
  secret: string | null;
}

/**
 * The summary of each of these views (by impersonation id; absent when there is nothing to
 * say), from their looks that were answered and the secrets they revealed, in one statement.
 */
export async function summarizeViews(
  db: Db,
  impersonationIds: readonly string[],
): Promise<Map<string, string>> {
  const summaries = new Map<string, string>();
  if (impersonationIds.length === 0) return summaries;
  const ids = Prisma.sql`${[...impersonationIds]}::uuid[]`;
  const rows = await db.$queryRaw<PartRow[]>`
    SELECT "impersonationId"::text AS "impersonationId", min("occurredAt") AS "at",
           "summary", "subject", NULL AS "secret"
    FROM "LookRecord"
    WHERE "impersonationId" = ANY(${ids}) AND "summary" IS NOT NULL AND "outcome" = 'OK'
    GROUP BY "impersonationId", "summary", "subject"
    UNION ALL
    SELECT "impersonationId"::text, "occurredAt", NULL, NULL, "data"->>'secret'
    FROM "AuditEvent"
    WHERE "impersonationId" = ANY(${ids}) AND "type" = 'MEMBER_SECRET_REVEALED'`;
  const partsOf = new Map<string, SummaryPart[]>();
  for (const row of rows) {
    const text =
      row.summary !== null
        ? [row.summary, row.subject].filter(Boolean).join(' ')
        : (revealed[row.secret ?? ''] ?? revealedOther);
    partsOf.set(row.impersonationId, [
      ...(partsOf.get(row.impersonationId) ?? []),
      { at: row.at, text },
    ]);
  }
  for (const [id, parts] of partsOf) {
    const summary = summarizeView(parts);
    if (summary) summaries.set(id, summary);
  }
  return summaries;
}
