import { type Prisma } from '@hotdesk/db';

import { type Db } from '../context';
import { type Actor } from '../sessions/actor';
import {
  defaultLocationPolicy,
  type Reporter,
  type TargetFacts,
  type ViewerFacts,
  type ViewingSnapshot,
} from './rules';

/*
 * Loads the facts the rules decide on (rules/). The selects below are shared by every reader,
 * so the grant, the exchange and each request of a running view see the same facts.
 */

const policySelect = {
  operatorImpersonationEnabled: true,
  teamAdminImpersonationEnabled: true,
  maxSessionMinutes: true,
  fullModeAllowed: true,
  reasonRequired: true,
  fullAccessNeedsSecondApproval: true,
  askMemberFirst: true,
  urgentViewAllowed: true,
} satisfies Prisma.LocationPolicySelect;

export const targetFactsSelect = {
  id: true,
  locationId: true,
  active: true,
  userId: true,
  fullName: true,
  email: true,
  allowTeamAdminImpersonation: true,
  user: {
    select: {
      active: true,
      passwordHash: true,
      operatorRoles: { select: { id: true }, take: 1 },
    },
  },
  teamMemberships: {
    select: { teamId: true, isAdministrator: true, team: { select: { locationId: true } } },
  },
  location: { select: { policy: { select: policySelect } } },
} satisfies Prisma.CoworkerSelect;

type TargetRow = Prisma.CoworkerGetPayload<{ select: typeof targetFactsSelect }>;

export function toTargetFacts(row: TargetRow): TargetFacts {
  return {
    id: row.id,
    locationId: row.locationId,
    active: row.active,
    userId: row.userId,
    fullName: row.fullName,
    // Where a request for the member's consent reaches them, and where they answer it.
    hasLogin: row.user !== null && row.user.active && row.user.passwordHash !== null,
    hasEmail: row.email !== null || row.user !== null,
    isStaff: (row.user?.operatorRoles.length ?? 0) > 0,
    allowTeamAdminImpersonation: row.allowTeamAdminImpersonation,
    // A team of another location gives no right over this profile.
    teams: row.teamMemberships
      .filter((membership) => membership.team.locationId === row.locationId)
      .map(({ teamId, isAdministrator }) => ({ teamId, isAdministrator })),
    policy: row.location.policy ?? defaultLocationPolicy,
  };
}

const administeredTeamsSelect = {
  teamMemberships: { where: { isAdministrator: true }, select: { teamId: true } },
} satisfies Prisma.CoworkerSelect;

/** The person behind a grant, as the exchange and a running view re-check them. */
export const grantActorSelect = {
  kind: true,
  mode: true,
  actorUserId: true,
  actorCoworkerId: true,
  targetCoworkerId: true,
  locationId: true,
  actorUser: {
    select: {
      active: true,
      fullName: true,
      operatorRoles: { select: { locationId: true, role: true } },
    },
  },
  actorCoworker: { select: administeredTeamsSelect },
  actorSession: { select: { revokedAt: true, expiresAt: true, reauthenticatedAt: true } },
  target: { select: targetFactsSelect },
} satisfies Prisma.ImpersonationSelect;

type GrantRow = Prisma.ImpersonationGetPayload<{ select: typeof grantActorSelect }>;

/** The snapshot a stored grant is held to, at the exchange and on every request after it. */
export function snapshotOfGrant(row: GrantRow, now: Date): ViewingSnapshot {
  const session = row.actorSession;
  return {
    kind: row.kind,
    requestedId: row.targetCoworkerId,
    viewer: {
      userId: row.actorUserId,
      active: row.actorUser.active,
      roles: row.actorUser.operatorRoles,
      coworkerId: row.actorCoworkerId,
      administeredTeamIds: row.actorCoworker?.teamMemberships.map((m) => m.teamId) ?? [],
      impersonating: false,
      sessionAlive: session !== null && session.revokedAt === null && session.expiresAt > now,
      reauthenticatedAt: session?.reauthenticatedAt ?? null,
    },
    target: toTargetFacts(row.target),
  };
}

/** The asking person, from their authenticated session. */
export function viewerOf(actor: Actor, administeredTeamIds: readonly number[]): ViewerFacts {
  return {
    userId: actor.userId,
    active: true,
    roles: actor.operatorRoles,
    coworkerId: actor.coworkerId,
    administeredTeamIds,
    impersonating: actor.impersonation !== null,
    sessionAlive: true,
    reauthenticatedAt: actor.reauthenticatedAt,
  };
}

/** The signed-in caller as someone who might report a view of their account. */
export function reporterOf(actor: Actor): Reporter {
  return {
    userId: actor.userId,
    coworkerId: actor.coworkerId,
    impersonating: actor.impersonation !== null,
  };
}

/** Teams the actor's current profile administers (none inside a view: it acts for nobody). */
export async function administeredTeamIdsOf(db: Db, actor: Actor): Promise<number[]> {
  if (actor.coworkerId === null || actor.impersonation) return [];
  const rows = await db.teamMember.findMany({
    where: { coworkerId: actor.coworkerId, isAdministrator: true },
    select: { teamId: true },
  });
  return rows.map((row) => row.teamId);
}

/** The same facts for many targets at once, for lists that show an answer per person. */
export async function loadTargetFacts(
  db: Db,
  coworkerIds: readonly number[],
): Promise<Map<number, TargetFacts>> {
  if (coworkerIds.length === 0) return new Map();
  const rows = await db.coworker.findMany({
    where: { id: { in: [...coworkerIds] } },
    select: targetFactsSelect,
  });
  return new Map(rows.map((row) => [row.id, toTargetFacts(row)]));
}
