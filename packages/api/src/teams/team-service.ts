import { type Prisma } from '@hotdesk/db';

import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { badRequest, forbidden, notFound } from '../errors';
import { policyOf } from '../policies/location-policy-service';
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

const teamSelect = {
  id: true,
  name: true,
  locationId: true,
  members: {
    orderBy: { coworker: { fullName: 'asc' } },
    select: {
      coworkerId: true,
      isAdministrator: true,
      canMakeBookings: true,
      canBookForTeam: true,
      canPurchaseProducts: true,
      canPurchaseEvents: true,
      canAccessCommunity: true,
      accessCardId: true,
      coworker: {
        select: {
          fullName: true,
          email: true,
          active: true,
          userId: true,
          allowTeamAdminImpersonation: true,
          user: { select: { operatorRoles: { select: { id: true }, take: 1 } } },
        },
      },
    },
  },
} satisfies Prisma.TeamSelect;

type TeamRow = Prisma.TeamGetPayload<{ select: typeof teamSelect }>;

export interface TeamView {
  id: number;
  name: string;
  locationId: number;
  members: Array<{
    coworkerId: number;
    fullName: string;
    email: string | null;
    isAdministrator: boolean;
    canMakeBookings: boolean;
    canBookForTeam: boolean;
    canPurchaseProducts: boolean;
    canPurchaseEvents: boolean;
    canAccessCommunity: boolean;
    accessCardId: string | null;
  }>;
}

function toTeamView(team: TeamRow): TeamView {
  return {
    id: team.id,
    name: team.name,
    locationId: team.locationId,
    members: team.members.map(({ coworker, ...member }) => ({
      ...member,
      fullName: coworker.fullName,
      email: coworker.email,
    })),
  };
}

/** Teams of the session's current profile, optionally only those it administers. */
export async function listMyTeams(
  ctx: ServiceContext,
  actor: Actor,
  query: { isTeamAdmin?: boolean; page: number; pageSize: number },
): Promise<{ teams: TeamView[]; total: number }> {
  if (actor.coworkerId === null) return { teams: [], total: 0 };
  const where: Prisma.TeamWhereInput = {
    members: {
      some: {
        coworkerId: actor.coworkerId,
        ...(query.isTeamAdmin === undefined ? {} : { isAdministrator: query.isTeamAdmin }),
      },
    },
  };
  const [total, teams] = await Promise.all([
    ctx.db.team.count({ where }),
    ctx.db.team.findMany({
      where,
      orderBy: { name: 'asc' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: teamSelect,
    }),
  ]);
  return { teams: teams.map(toTeamView), total };
}

/**
 * The team page of an administrator: members, their flags, and for each whether the
 * administrator may impersonate them (and if not, why).
 */
export async function getAdministeredTeam(ctx: ServiceContext, actor: Actor, teamId: number) {
  const team = await ctx.db.team.findUnique({ where: { id: teamId }, select: teamSelect });
  if (!team) throw notFound(`No team with id ${teamId}.`);
  const me = team.members.find((m) => m.coworkerId === actor.coworkerId);
  if (!me?.isAdministrator) throw forbidden('Only an administrator of this team can manage it.');
  const view = toTeamView(team);
  const policy = await policyOf(ctx.db, team.locationId);
  return {
    ...view,
    members: view.members.map((member, index) => {
      const row = team.members[index];
      const refusal = row ? memberRefusal(actor, row) : null;
      const byPolicy = policy.teamAdminImpersonationEnabled
        ? null
        : 'Your coworking space has turned off viewing by team administrators.';
      return { ...member, impersonationRefusal: refusal ?? byPolicy };
    }),
  };
}

function memberRefusal(actor: Actor, row: TeamRow['members'][number]): string | null {
  if (actor.impersonation) return 'Not available while viewing as someone else.';
  if (
    row.coworkerId === actor.coworkerId ||
    (row.coworker.userId !== null && row.coworker.userId === actor.userId)
  ) {
    return 'This is you.';
  }
  if (row.isAdministrator) return 'Administrators of the same team cannot impersonate each other.';
  if ((row.coworker.user?.operatorRoles.length ?? 0) > 0)
    return 'Staff accounts cannot be impersonated.';
  if (!row.coworker.active) return 'Inactive members cannot be impersonated.';
  if (!row.coworker.allowTeamAdminImpersonation) {
    return 'This member has turned off viewing by team administrators.';
  }
  return null;
}

/** Changes one member's permissions; administrators cannot drop their own administrator flag. */
export async function updateMemberPermissions(
  ctx: ServiceContext,
  actor: Actor,
  input: { teamId: number; memberId: number; permissions: MemberPermissions },
): Promise<void> {
  const team = await ctx.db.team.findUnique({
    where: { id: input.teamId },
    select: {
      id: true,
      locationId: true,
      members: { select: { coworkerId: true, isAdministrator: true } },
    },
  });
  if (!team) throw notFound(`No team with id ${input.teamId}.`);
  const me = team.members.find((m) => m.coworkerId === actor.coworkerId);
  if (!me?.isAdministrator)
    throw forbidden('Only an administrator of this team can change permissions.');
  const member = team.members.find((m) => m.coworkerId === input.memberId);
  if (!member) throw notFound(`Coworker ${input.memberId} is not a member of this team.`);
  if (input.memberId === actor.coworkerId && !input.permissions.isTeamAdministrator) {
    throw badRequest('IsTeamAdministrator', 'You cannot remove your own administrator flag.');
  }
  const { isTeamAdministrator, accessCardId, ...flags } = input.permissions;
  await auditedTransaction(ctx.db, async (tx) => {
    const before = await tx.teamMember.findUniqueOrThrow({
      where: { teamId_coworkerId: { teamId: team.id, coworkerId: input.memberId } },
    });
    await tx.teamMember.update({
      where: { id: before.id },
      data: {
        ...flags,
        isAdministrator: isTeamAdministrator,
        ...(accessCardId === undefined ? {} : { accessCardId }),
      },
    });
    await recordAuditEvent(tx, {
      type: 'TEAM_PERMISSIONS_UPDATED',
      actor,
      targetCoworkerId: input.memberId,
      locationId: team.locationId,
      data: { teamId: team.id, permissions: { isTeamAdministrator, accessCardId, ...flags } },
      request: ctx.request,
      at: ctx.now(),
    });
  });
}
