import { hotQuery, Prisma, type ImpersonationEndReason, type PrismaClient } from '@hotdesk/db';

import { countOneMore, type RateLimitRule } from '../abuse/rate-limit';
import {
  auditRowsCte,
  noteCommittedAuditRows,
  utc,
  writtenAuditRowsJson,
  type ConditionalAuditEvent,
  type PreparedAuditEvent,
  type WrittenAuditRows,
} from '../audit/audit-rows-sql';
import { type SessionDraft } from '../sessions/open-session';
import { grantFactsJson, grantFactsOf, type RawGrantFacts } from './grant-facts-sql';
import { type TargetFacts } from './rules';

type FailureRule = Pick<RateLimitRule, 'key' | 'windowMinutes' | 'limit'>;

export type Redeemable = ReturnType<typeof grantFactsOf>;

/**
 * One read: the grant a token names, with everything the rules re-check at the exchange, and
 * how many failed exchanges the caller's address has made in the current window.
 */
export async function loadRedemption(
  db: PrismaClient,
  jti: string,
  failures: FailureRule,
  now: Date,
  defaultPolicy: TargetFacts['policy'],
): Promise<{
  grant: Redeemable | null;
  failures: { count: number; windowStartedAt: Date } | null;
}> {
  const [row] = await hotQuery<
    Array<{ grant: RawGrantFacts | null; count: number | null; windowStartedAt: Date | null }>
  >(
    db,
    Prisma.sql`
    SELECT ${grantFactsJson(Prisma.sql`i."id" = ${jti}::uuid`)} AS "grant",
      c."count", c."windowStartedAt"
    FROM (SELECT 1) AS one
    LEFT JOIN "RateLimitCounter" c ON c."key" = ${failures.key}`,
  );
  return {
    grant: row?.grant ? grantFactsOf(row.grant, now, defaultPolicy) : null,
    failures:
      row?.count != null && row.windowStartedAt
        ? { count: row.count, windowStartedAt: row.windowStartedAt }
        : null,
  };
}

/*
 * Locks in a fixed order, the grant's row before the address's failure counter: an event that
 * names the grant checks (at the end of the statement) that the grant exists, which waits for a
 * redemption holding the row; a statement that held the counter meanwhile would deadlock with a
 * losing redemption that holds the row and waits for the counter.
 */
const grantRowLocked = (grantId: string) => Prisma.sql`grant_row AS (
    SELECT "id" FROM "Impersonation" WHERE "id" = ${grantId}::uuid FOR KEY SHARE
  )`;
const afterGrantRowLock = Prisma.sql`(SELECT count(*) FROM grant_row) >= 0`;

/**
 * One statement, one commit: consumes the grant (of concurrent redemptions exactly one does),
 * opens the impersonated session and records the exchange; when the grant was consumed first
 * by another, records the refusal and counts the address's failure instead.
 */
export async function redeemGrant(
  db: PrismaClient,
  redemption: {
    grantId: string;
    now: Date;
    session: SessionDraft['row'];
    exchanged: PreparedAuditEvent;
    lost: PreparedAuditEvent;
    failures: FailureRule;
  },
): Promise<boolean> {
  const { grantId, now, session: s } = redemption;
  const won = Prisma.sql`EXISTS (SELECT 1 FROM consumed)`;
  const events: ConditionalAuditEvent[] = [
    { event: redemption.exchanged, when: won },
    { event: redemption.lost, when: Prisma.sql`NOT ${won}` },
  ];
  const [row] = await hotQuery<Array<{ won: boolean; auditRows: WrittenAuditRows }>>(
    db,
    Prisma.sql`
    WITH consumed AS (
      UPDATE "Impersonation"
      SET "exchangedAt" = ${utc(now)}, "sessionId" = ${s.id}::uuid,
          "sessionExpiresAt" = ${utc(s.expiresAt)}
      WHERE "id" = ${grantId}::uuid AND "exchangedAt" IS NULL AND "endedAt" IS NULL
        AND "tokenExpiresAt" > ${utc(now)}
      RETURNING "id"
    ), opened AS (
      INSERT INTO "Session" ("id", "userId", "coworkerId", "audience", "clientId",
        "accessTokenHash", "refreshTokenHash", "accessExpiresAt", "expiresAt", "createdAt",
        "lastSeenAt", "reauthenticatedAt", "ip", "userAgent")
      SELECT ${s.id}::uuid, ${s.userId}::int, ${s.coworkerId}::int,
        ${s.audience}::"SessionAudience", ${s.clientId}::text, ${s.accessTokenHash},
        ${s.refreshTokenHash}, ${utc(s.accessExpiresAt)}, ${utc(s.expiresAt)},
        ${utc(s.createdAt)}, ${utc(s.lastSeenAt)},
        ${s.reauthenticatedAt ? utc(s.reauthenticatedAt) : null}::timestamp(3),
        ${s.ip}::text, ${s.userAgent}::text
      FROM consumed
    ), ${grantRowLocked(grantId)}, failed AS (
      ${countOneMore(redemption.failures, now, Prisma.sql`NOT ${won} AND ${afterGrantRowLock}`)}
    ), ${auditRowsCte(events)}
    SELECT ${won} AS "won", ${writtenAuditRowsJson} AS "auditRows"`,
  );
  noteCommittedAuditRows(db, [redemption.exchanged, redemption.lost], row?.auditRows ?? []);
  return row?.won === true;
}

/**
 * One statement, one commit, for a redemption that fails: counts the address's failure,
 * records the refusal and, for a grant that no longer holds, spends it with its end event so it
 * can never be retried.
 */
export async function refuseRedemption(
  db: PrismaClient,
  refusal: {
    now: Date;
    failures: FailureRule;
    denial: PreparedAuditEvent;
    /** Record the denial only while the address is within its allowance (flood: one event). */
    recordOnlyWithinAllowance: boolean;
    /** The grant the denial names, if any: its row is locked before the counter. */
    lockGrant: string | null;
    spend: { grantId: string; reason: ImpersonationEndReason; ended: PreparedAuditEvent } | null;
  },
): Promise<{ count: number; windowStartedAt: Date }> {
  const { now, spend } = refusal;
  const events: ConditionalAuditEvent[] = [
    {
      event: refusal.denial,
      when: refusal.recordOnlyWithinAllowance
        ? Prisma.sql`(SELECT "count" FROM failed) <= ${refusal.failures.limit}`
        : undefined,
    },
  ];
  if (spend) events.unshift({ event: spend.ended, when: Prisma.sql`EXISTS (SELECT 1 FROM spent)` });
  const spent = Prisma.sql`spent AS (
      UPDATE "Impersonation"
      SET "exchangedAt" = ${utc(now)}, "endedAt" = ${utc(now)},
          "endedReason" = ${spend?.reason ?? null}::"ImpersonationEndReason"
      WHERE "id" = ${spend?.grantId ?? null}::uuid AND "exchangedAt" IS NULL AND "endedAt" IS NULL
      RETURNING "id"
    )`;
  const failed = (when?: Prisma.Sql) => Prisma.sql`failed AS (
      ${countOneMore(refusal.failures, now, when)}
      RETURNING "count", "windowStartedAt"
    )`;
  const named = spend?.grantId ?? refusal.lockGrant;
  const steps = named
    ? Prisma.sql`${grantRowLocked(named)}, ${failed(afterGrantRowLock)}, ${spent}`
    : Prisma.sql`${failed()}, ${spent}`;
  const [row] = await hotQuery<
    Array<{ count: number; windowStartedAt: Date; auditRows: WrittenAuditRows }>
  >(
    db,
    Prisma.sql`WITH ${steps}, ${auditRowsCte(events)}
    SELECT (SELECT "count" FROM failed) AS "count",
      (SELECT "windowStartedAt" FROM failed) AS "windowStartedAt",
      ${writtenAuditRowsJson} AS "auditRows"`,
  );
  noteCommittedAuditRows(
    db,
    [refusal.denial, ...(spend ? [spend.ended] : [])],
    row?.auditRows ?? [],
  );
  if (!row) throw new Error('The refusal statement returned no row.');
  return { count: row.count, windowStartedAt: row.windowStartedAt };
}
