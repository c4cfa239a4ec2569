import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type Prisma } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { notFound, refusalError } from '../errors';
import { endViewsThatNoLongerStand } from '../impersonation/review-open-views';
import { locationManagerRefusal, teamPermissionChangeRefusal } from '../impersonation/rules';
import { scopeCovers, viewableLocations, type Actor } from '../sessions/actor';
import { teamCallerOf, teamFactsOf, type MemberPermissions } from './team-service';

const membersSelect = {
  id: true,
  locationId: true,
  members: { select: { coworkerId: true, isAdministrator: true } },
} as const;

/** A team administrator changes one member's permissions, as far as the rules allow. */
export async function updateMemberPermissions(
  ctx: ServiceContext,
  actor: Actor,
  input: { teamId: number; memberId: number; permissions: MemberPermissions },
): Promise<void> {
  const [team, caller] = await Promise.all([
    ctx.db.team.findUnique({ where: { id: input.teamId }, select: membersSelect }),
    teamCallerOf(ctx.db, actor),
  ]);
  const refusal = teamPermissionChangeRefusal(caller, team && teamFactsOf(team), {
    memberId: input.memberId,
    makesAdministrator: input.permissions.isTeamAdministrator,
  });
  if (refusal) {
    // A view that reaches for who may view whom is on the record, whatever its mode.
    if (refusal.code === 'impersonated_session') {
      await recordAuditEvent(ctx.db, {
        type: 'IMPERSONATION_MUTATION_DENIED',
        actor,
        data: { change: 'team permissions', teamId: input.teamId, memberId: input.memberId },
        request: ctx.request,
        at: ctx.now(),
      });
    }
    throw refusalError(refusal);
  }
  const { isTeamAdministrator, accessCardId, ...flags } = input.permissions;
  await writeMembership(ctx, actor, {
    teamId: input.teamId,
    coworkerId: input.memberId,
    data: {
      ...flags,
      isAdministrator: isTeamAdministrator,
      ...(accessCardId === undefined ? {} : { accessCardId }),
    },
    audit: { isTeamAdministrator, accessCardId, ...flags },
  });
}

/**
 * An ADMIN or OWNER of the team's location makes a member a team administrator or clears the
 * flag (the one thing a team administrator may not do to a peer), from the admin app.
 */
export async function setTeamAdministratorAsOperator(
  ctx: ServiceContext,
  actor: Actor,
  input: { teamId: number; coworkerId: number; isAdministrator: boolean },
): Promise<void> {
  const team = await ctx.db.team.findUnique({ where: { id: input.teamId }, select: membersSelect });
  const member = team?.members.find((m) => m.coworkerId === input.coworkerId);
  // Outside the operator's locations the team "does not exist", as everywhere in the admin app.
  if (!team || !member || !scopeCovers(viewableLocations(actor), team.locationId)) {
    throw notFound(`No such member in team ${input.teamId} in your locations.`);
  }
  const refusal = locationManagerRefusal(
    actor.operatorRoles,
    team.locationId,
    'change its team administrators',
  );
  if (refusal) throw refusalError(refusal);
  await writeMembership(ctx, actor, {
    teamId: team.id,
    coworkerId: input.coworkerId,
    data: { isAdministrator: input.isAdministrator },
    audit: { isTeamAdministrator: input.isAdministrator, byOperator: true },
  });
}

/**
 * Writes one membership with its audit event. Administrator flags decide who may view whom, so
 * views that stood on the old flags are held to the rules again in the same transaction.
 */
async function writeMembership(
  ctx: ServiceContext,
  actor: Actor,
  change: {
    teamId: number;
    coworkerId: number;
    data: Prisma.TeamMemberUpdateInput;
    audit: Prisma.InputJsonObject;
  },
): Promise<void> {
  await auditedTransaction(ctx.db, async (tx) => {
    const membership = await tx.teamMember.update({
      where: { teamId_coworkerId: { teamId: change.teamId, coworkerId: change.coworkerId } },
      data: change.data,
      select: { team: { select: { locationId: true } } },
    });
    await recordAuditEvent(tx, {
      type: 'TEAM_PERMISSIONS_UPDATED',
      actor,
      targetCoworkerId: change.coworkerId,
      locationId: membership.team.locationId,
      data: { teamId: change.teamId, permissions: change.audit },
      request: ctx.request,
      at: ctx.now(),
    });
    await endViewsThatNoLongerStand(tx, ctx, {
      OR: [
        { targetCoworkerId: change.coworkerId },
        { actorCoworkerId: change.coworkerId, kind: 'TEAM_ADMIN' },
      ],
    });
  });
}
