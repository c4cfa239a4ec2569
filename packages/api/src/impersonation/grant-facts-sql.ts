import { Prisma, type ImpersonationKind, type ImpersonationMode } from '@hotdesk/db';

import { type RunningViewRow } from '../sessions/session-lookup';
import { type TargetFacts, type ViewingSnapshot } from './rules';
import { targetFactsJson } from './target-facts-sql';

type RoleGrant = ViewingSnapshot['viewer']['roles'][number];

/** A grant and everything the rules hold it to, as `json_build_object` hands it over. */
export interface RawGrantFacts {
  id: string;
  kind: ImpersonationKind;
  mode: ImpersonationMode;
  reason: string | null;
  actorUserId: number;
  actorCoworkerId: number | null;
  actorSessionId: string | null;
  targetCoworkerId: number;
  locationId: number;
  // Timestamps arrive as text, in UTC without a zone.
  tokenExpiresAt: string;
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
 * The one grant matching `where` (over `"Impersonation" i`) with the person behind it, their
 * own session, and the member's facts, as one JSON value: what the exchange re-checks and
 * every request of a running view is held to, in the statement that needs it.
 */
export function grantFactsJson(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT json_build_object(
      'id', i."id", 'kind', i."kind", 'mode', i."mode", 'reason', i."reason",
      'actorUserId', i."actorUserId", 'actorCoworkerId', i."actorCoworkerId",
      'actorSessionId', i."actorSessionId", 'targetCoworkerId', i."targetCoworkerId",
      'locationId', i."locationId", 'tokenExpiresAt', i."tokenExpiresAt",
      'exchangedAt', i."exchangedAt", 'endedAt', i."endedAt",
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
    WHERE ${where})`;
}

const utcDate = (value: string | null) => (value === null ? null : new Date(`${value}Z`));

/** The grant with the snapshot the rules decide on, from `grantFactsJson`. */
export function grantFactsOf(
  raw: RawGrantFacts,
  now: Date,
  defaultPolicy: TargetFacts['policy'],
): RunningViewRow & { tokenExpiresAt: Date } {
  const actorSessionEnds = utcDate(raw.actorSessionExpiresAt);
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
      reauthenticatedAt: utcDate(raw.actorSessionReauthenticatedAt),
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
    tokenExpiresAt: utcDate(raw.tokenExpiresAt) as Date,
    exchangedAt: utcDate(raw.exchangedAt),
    endedAt: utcDate(raw.endedAt),
    snapshot,
  };
}
