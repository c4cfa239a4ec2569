import {
  hotQuery,
  Prisma,
  type OperatorRoleKind,
  type PrismaClient,
  type SessionAudience,
} from '@hotdesk/db';

import { type HeldView } from '../impersonation/impersonation-liveness';
import { grantFactsJson, grantFactsOf, type RawGrantFacts } from '../impersonation/grant-facts-sql';
import { type TargetFacts } from '../impersonation/rules';

type RoleGrant = { locationId: number | null; role: OperatorRoleKind };

/** What one access token stands for, read in one statement (`lookUpSession`). */
export interface SessionRow {
  id: string;
  audience: SessionAudience;
  userId: number | null;
  coworkerId: number | null;
  accessExpiresAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastSeenAt: Date;
  reauthenticatedAt: Date | null;
  userActive: boolean | null;
  userRoles: RoleGrant[];
  view: RunningViewRow | null;
  also: unknown;
}

/** A running view as the rules hold it to on every request (`runningViewFacts`). */
export interface RunningViewRow extends HeldView {
  reason: string | null;
  actorUserId: number;
  actorCoworkerId: number | null;
  actorSessionId: string | null;
  actorName: string;
}

// The last-seen time moves at most this often: one write per half minute of use keeps a view's
// idle clock (and the list of signed-in devices) honest, cheaply.
const LAST_SEEN_RESOLUTION_MS = 30_000;

/** The row as the statement returns it: the view's facts before they are read (`grantFactsOf`). */
type RawRow = Omit<SessionRow, 'view'> & { view: RawGrantFacts | null };

/**
 * The session behind an access-token hash, with everything the rules need to hold a running
 * view to (its grant, the person behind it and their own session, the member, their teams and
 * their location's policy), in one round trip; the same statement brings the last-seen time
 * forward when it is more than half a minute old. `also`, an expression over the session `s`,
 * is read in the same statement: what a request reads first when it depends only on who asks.
 */
export async function lookUpSession(
  db: PrismaClient,
  accessTokenHash: string,
  now: Date,
  defaultPolicy: TargetFacts['policy'],
  also: Prisma.Sql | null = null,
): Promise<SessionRow | null> {
  const staleBefore = new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS);
  const rows = await hotQuery<RawRow[]>(
    db,
    Prisma.sql`
    WITH s AS (
      SELECT * FROM "Session" WHERE "accessTokenHash" = ${accessTokenHash}
    ), touched AS (
      UPDATE "Session" SET "lastSeenAt" = ${now}
      WHERE "id" = (SELECT "id" FROM s) AND "revokedAt" IS NULL AND "lastSeenAt" < ${staleBefore}
      RETURNING "id"
    )
    SELECT s."id", s."audience"::text AS "audience", s."userId", s."coworkerId",
      s."accessExpiresAt", s."expiresAt", s."revokedAt", s."lastSeenAt", s."reauthenticatedAt",
      u."active" AS "userActive",
      COALESCE((SELECT json_agg(json_build_object('locationId', r."locationId", 'role', r."role"))
                FROM "OperatorRole" r WHERE r."userId" = s."userId"), '[]'::json) AS "userRoles",
      ${grantFactsJson(Prisma.sql`i."sessionId" = s."id"`)} AS "view",
      (SELECT count(*) FROM touched) AS "touched",
      ${also ?? Prisma.sql`NULL::json`} AS "also"
    FROM s LEFT JOIN "User" u ON u."id" = s."userId"`,
  );
  const row = rows[0];
  if (!row) return null;
  return { ...row, view: row.view && grantFactsOf(row.view, now, defaultPolicy) };
}
