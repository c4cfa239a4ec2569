import { type Prisma } from '@hotdesk/db';

import { ruleSettingsOf } from '../config';
import { type Db, type ServiceContext } from '../context';
import { notFound, refusalError } from '../errors';
import {
  administeredTeamIdsOf,
  loadTargetFacts,
  viewerOf,
} from '../impersonation/impersonation-snapshot';
import {
  mayAdministerTeam,
  teamPageRefusal,
  teamPermissionChangeRefusal,
  viewability,
  type TeamCaller,
  type TeamFacts,
  type Viewability,
} from '../impersonation/rules';
import { type Actor } from '../sessions/actor';

export interface MemberPermissions {
  isTeamAdministrator: boolean;
  canMakeBookings: boolean;
  canBookForTeam: boolean;
  canPurchaseProducts: boolean;
  canPurchaseEvents: boolean;
  canAccessCommunity: boolean;
  accessCardId?: string | null;
}

const rosterSelect = {
  id: true,
  name: true,
  locationId: true,
  members: {
    orderBy: { coworker: { fullName: 'asc' } },
    select: {
      coworkerId: true,
      isAdministrator: true,
      coworker: { select: { fullName: true, email: true } },
    },
  },
} satisfies Prisma.TeamSelect;

type RosterRow = Prisma.TeamGetPayload<{ select: typeof rosterSelect }>;

/** What any member of a team sees of it: who is in it and who administers it. */
export interface TeamRoster {
  id: number;
  name: string;
  locationId: number;
  /** Whether the caller may open this team's administration page (rules/). */
  canAdminister: boolean;
  members: Array<{
    coworkerId: number;
    fullName: string;
    email: string | null;
    isAdministrator: boolean;
  }>;
}

export function teamFactsOf(team: {
  id: number;
  locationId: number;
  members: ReadonlyArray<{ coworkerId: number; isAdministrator: boolean }>;
}): TeamFacts {
  return {
    id: team.id,
    locationId: team.locationId,
    administratorIds: team.members.filter((m) => m.isAdministrator).map((m) => m.coworkerId),
    memberIds: team.members.map((m) => m.coworkerId),
  };
}

/** The caller as the team rules see them: their profile and, inside a view, who is behind it. */
export async function teamCallerOf(db: Db, actor: Actor): Promise<TeamCaller> {
  const view = actor.impersonation;
  if (!view) return { coworkerId: actor.coworkerId, view: null };
  const [roles, administered] = await Promise.all([
    db.operatorRole.findMany({
      where: { userId: view.actorUserId },
      select: { locationId: true, role: true },
    }),
    view.actorCoworkerId === null
      ? []
      : db.teamMember.findMany({
          where: { coworkerId: view.actorCoworkerId, isAdministrator: true },
          select: { teamId: true },
        }),
  ]);
  return {
    coworkerId: actor.coworkerId,
    view: {
      kind: view.kind,
      actorRoles: roles,
      actorAdministeredTeamIds: administered.map((m) => m.teamId),
    },
  };
}

function toRoster(team: RosterRow, caller: TeamCaller): TeamRoster {
  return {
    id: team.id,
    name: team.name,
    locationId: team.locationId,
    canAdminister: mayAdministerTeam(caller, teamFactsOf(team)),
    members: team.members.map(({ coworker, coworkerId, isAdministrator }) => ({
      coworkerId,
      fullName: coworker.fullName,
      email: coworker.email,
      isAdministrator,
    })),
  };
}

/** Teams of the session's current profile, optionally only those it administers. */
export async function listMyTeams(
  ctx: ServiceContext,
  actor: Actor,
  query: { isTeamAdmin?: boolean; page: number; pageSize: number },
): Promise<{ teams: TeamRoster[]; total: number }> {
  if (actor.coworkerId === null) return { teams: [], total: 0 };
  const where: Prisma.TeamWhereInput = {
    members: {
      some: {
        coworkerId: actor.coworkerId,
        ...(query.isTeamAdmin === undefined ? {} : { isAdministrator: query.isTeamAdmin }),
      },
    },
  };
  const [total, teams, caller] = await Promise.all([
    ctx.db.team.count({ where }),
    ctx.db.team.findMany({
      where,
      orderBy: { name: 'asc' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: rosterSelect,
    }),
    teamCallerOf(ctx.db, actor),
  ]);
  return { teams: teams.map((team) => toRoster(team, caller)), total };
}

// The roster, with what only the team's administration page shows: flags and access cards.
const administeredTeamSelect = {
  ...rosterSelect,
  members: {
    ...rosterSelect.members,
    select: {
      ...rosterSelect.members.select,
      canMakeBookings: true,
      canBookForTeam: true,
      canPurchaseProducts: true,
      canPurchaseEvents: true,
      canAccessCommunity: true,
      accessCardId: true,
    },
  },
} satisfies Prisma.TeamSelect;

/**
 * The administration page of a team: members, their flags, and for each the rules' answer to
 * "can I view this member?". Inside a view, only for a team the person behind it administers.
 */
export async function getAdministeredTeam(ctx: ServiceContext, actor: Actor, teamId: number) {
  const [team, caller] = await Promise.all([
    ctx.db.team.findUnique({ where: { id: teamId }, select: administeredTeamSelect }),
    teamCallerOf(ctx.db, actor),
  ]);
  if (!team) throw notFound(`No team with id ${teamId}.`);
  const refusal = teamPageRefusal(caller, teamFactsOf(team));
  if (refusal) throw refusalError(refusal);
  const [targets, administeredTeamIds] = await Promise.all([
    loadTargetFacts(
      ctx.db,
      team.members.map((m) => m.coworkerId),
    ),
    administeredTeamIdsOf(ctx.db, actor),
  ]);
  const viewer = viewerOf(actor, administeredTeamIds);
  const settings = ruleSettingsOf(ctx.config);
  const now = ctx.now();
  const facts = teamFactsOf(team);
  // What a change would be told, asked of the rules before anyone tries it.
  const changeRefusal = (memberId: number, makesAdministrator: boolean) =>
    teamPermissionChangeRefusal(caller, facts, { memberId, makesAdministrator })?.message ?? null;
  return {
    id: team.id,
    name: team.name,
    locationId: team.locationId,
    /** Why nothing on this page can be changed (inside a view), or null. */
    changesRefused: caller.view ? changeRefusal(caller.coworkerId ?? 0, true) : null,
    members: team.members.map(({ coworker, ...member }) => ({
      ...member,
      fullName: coworker.fullName,
      email: coworker.email,
      /** Why this member's administrator flag cannot be cleared by the caller, or null. */
      administratorFlagLocked: member.isAdministrator
        ? changeRefusal(member.coworkerId, false)
        : null,
      impersonation: viewability(
        {
          kind: 'TEAM_ADMIN',
          viewer,
          target: targets.get(member.coworkerId) ?? null,
          requestedId: member.coworkerId,
        },
        settings,
        now,
      ) satisfies Viewability,
    })),
  };
}
