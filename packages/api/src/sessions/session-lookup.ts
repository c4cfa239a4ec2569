import {
  Prisma,
  type ImpersonationKind,
  type ImpersonationMode,
  type OperatorRoleKind,
  type SessionAudience,
} from '@hotdesk/db';

import { type Db } from '../context';
import { type HeldView } from '../impersonation/impersonation-liveness';
import { type TargetFacts, type ViewingSnapshot } from '../impersonation/rules';
import { targetFactsJson } from '../impersonation/target-facts-sql';

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

interface RawRow {
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
  view: RawView | null;
}

/** The running view, as `json_build_object` hands it over: timestamps arrive as text. */
interface RawView {
  id: string;
  kind: ImpersonationKind;
  mode: ImpersonationMode;
  reason: string | null;
  actorUserId: number;
  actorCoworkerId: number | null;
  actorSessionId: string | null;
  targetCoworkerId: number;
  locationId: number;
  exchangedAt: string | null;
  endedAt: string | null;
  actorActive: boolean;
  actorName: string;
  actorRoles: RoleGrant[];
  actorTeamIds: number[];
  actorSessionRevokedAt: string | null;
  actorSessionExpiresAt: string | null;
  actorSessionReauthenticatedAt: string | null;
  target: Omit<TargetFacts, 'policy'> & { policy: TargetFacts['policy'] | null };
}

/**
 * The session behind an access-token hash, with everything the rules need to hold a running
 * view to (its grant, the person behind it and their own session, the member, their teams and
 * their location's policy), in one round trip; the same statement brings the last-seen time
 * forward when it is more than half a minute old.
 */
export async function lookUpSession(
  db: Db,
  accessTokenHash: string,
  now: Date,
  defaultPolicy: TargetFacts['policy'],
): Promise<SessionRow | null> {
  const staleBefore = new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS);
  const rows = await db.$queryRaw<RawRow[]>`
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
      (SELECT json_build_object(
         'id', i."id", 'kind', i."kind", 'mode', i."mode", 'reason', i."reason",
         'actorUserId', i."actorUserId", 'actorCoworkerId', i."actorCoworkerId",
         'actorSessionId', i."actorSessionId", 'targetCoworkerId', i."targetCoworkerId",
         'locationId', i."locationId", 'exchangedAt', i."exchangedAt", 'endedAt', i."endedAt",
         'actorActive', au."active", 'actorName', au."fullName",
         'actorRoles', COALESCE((SELECT json_agg(json_build_object('locationId', r."locationId", 'role', r."role"))
                                 FROM "OperatorRole" r WHERE r."userId" = i."actorUserId"), '[]'::json),
         'actorTeamIds', COALESCE((SELECT json_agg(tm."teamId") FROM "TeamMember" tm
                                   WHERE tm."coworkerId" = i."actorCoworkerId" AND tm."isAdministrator"), '[]'::json),
         'actorSessionRevokedAt', acs."revokedAt", 'actorSessionExpiresAt', acs."expiresAt",
         'actorSessionReauthenticatedAt', acs."reauthenticatedAt",
         'target', ${targetFactsJson(Prisma.raw('i."targetCoworkerId"'))})
       FROM "Impersonation" i
       JOIN "User" au ON au."id" = i."actorUserId"
       LEFT JOIN "Session" acs ON acs."id" = i."actorSessionId"
       WHERE i."sessionId" = s."id") AS "view",
      (SELECT count(*) FROM touched) AS "touched"
    FROM s LEFT JOIN "User" u ON u."id" = s."userId"`;
  const row = rows[0];
  if (!row) return null;
  return { ...row, view: row.view && runningView(row.view, now, defaultPolicy) };
}

function runningView(raw: RawView, now: Date, defaultPolicy: TargetFacts['policy']) {
  const date = (value: string | null) => (value === null ? null : new Date(`${value}Z`));
  const actorSessionEnds = date(raw.actorSessionExpiresAt);
  const snapshot: ViewingSnapshot = {
    kind: raw.kind,
    requestedId: raw.targetCoworkerId,
    viewer: {
      userId: raw.actorUserId,
      active: raw.actorActive,
      roles: raw.actorRoles,
      coworkerId: raw.actorCoworkerId,
      administeredTeamIds: raw.actorTeamIds,
      impersonating: false,
      sessionAlive:
        actorSessionEnds !== null && raw.actorSessionRevokedAt === null && actorSessionEnds > now,
      reauthenticatedAt: date(raw.actorSessionReauthenticatedAt),
    },
    target: { ...raw.target, policy: raw.target.policy ?? defaultPolicy },
  };
  return {
    id: raw.id,
    kind: raw.kind,
    mode: raw.mode,
    reason: raw.reason,
    actorUserId: raw.actorUserId,
    actorCoworkerId: raw.actorCoworkerId,
    actorSessionId: raw.actorSessionId,
    actorName: raw.actorName,
    targetCoworkerId: raw.targetCoworkerId,
    locationId: raw.locationId,
    exchangedAt: date(raw.exchangedAt),
    endedAt: date(raw.endedAt),
    snapshot,
  };
}
