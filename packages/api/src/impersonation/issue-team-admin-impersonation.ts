import { type Db, type ServiceContext } from '../context';
import { forbidden, notFound } from '../errors';
import { type Actor } from '../sessions/actor';
import {
  grantImpersonation,
  normaliseGrantRequest,
  recordGrantDenial,
  type Grant,
  type GrantRequest,
} from './grant-impersonation';
import {
  findImpersonationTarget,
  targetRefusal,
  type ImpersonationTarget,
} from './impersonation-target';

/**
 * Why the team administrator behind `adminCoworkerId` may not impersonate `target`, or null.
 * Used at grant time and again at exchange time.
 */
export async function teamAdminRefusal(
  db: Db,
  adminCoworkerId: number | null,
  target: ImpersonationTarget,
): Promise<string | null> {
  if (adminCoworkerId === null) return 'Only a team administrator may impersonate team members.';
  const sharedTeams = await db.teamMember.findMany({
    where: {
      coworkerId: target.id,
      team: {
        locationId: target.locationId,
        members: { some: { coworkerId: adminCoworkerId, isAdministrator: true } },
      },
    },
    select: { isAdministrator: true },
  });
  if (sharedTeams.length === 0) {
    return 'You are not an administrator of a team this member belongs to.';
  }
  // Administrators of one team are peers: none may act as another.
  if (sharedTeams.some((membership) => membership.isAdministrator)) {
    return 'This member is also an administrator of your team and cannot be impersonated.';
  }
  return null;
}

/** A team administrator asks to view the portal as a member of one of their teams. */
export async function issueTeamAdminImpersonation(
  ctx: ServiceContext,
  actor: Actor,
  request: GrantRequest,
): Promise<Grant> {
  const deny = (status: number, why: string, target: ImpersonationTarget | null) =>
    recordGrantDenial(ctx, actor, {
      coworkerId: request.coworkerId,
      kind: 'TEAM_ADMIN',
      status,
      why,
      target,
    });

  const grantRequest = normaliseGrantRequest(request);
  const target = await findImpersonationTarget(ctx.db, request.coworkerId);
  if (!target) {
    await deny(404, 'unknown coworker', null);
    throw notFound(`No coworker with id ${request.coworkerId}.`);
  }
  if (actor.impersonation) {
    const why = 'An impersonated session cannot start another impersonation.';
    await deny(403, why, target);
    throw forbidden(why);
  }
  const isSelf = target.userId !== null && target.userId === actor.userId;
  // Team membership is checked before the target's own state, so nobody outside the team
  // learns whether a coworker is staff or suspended.
  const refusal = isSelf
    ? targetRefusal(target, actor.userId)
    : ((await teamAdminRefusal(ctx.db, actor.coworkerId, target)) ??
      targetRefusal(target, actor.userId));
  if (refusal) {
    await deny(403, refusal, target);
    throw forbidden(refusal);
  }
  return grantImpersonation(ctx, actor, target, 'TEAM_ADMIN', grantRequest);
}
