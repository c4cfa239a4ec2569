import { type ServiceContext } from '../context';
import { mayAdministerTeam, viewChangeRefusal } from '../impersonation/rules';
import { teamCallerOf } from '../teams/team-service';
import { viewableLocations, type Actor } from './actor';

/** The operator behind an admin session: name, roles and the locations they cover. */
export async function describeAdminSession(ctx: ServiceContext, actor: Actor) {
  const scope = viewableLocations(actor);
  const [user, locations] = await Promise.all([
    ctx.db.user.findUnique({
      where: { id: actor.userId ?? -1 },
      select: {
        id: true,
        fullName: true,
        email: true,
        operatorRoles: { select: { role: true, location: { select: { id: true, name: true } } } },
      },
    }),
    ctx.db.location.findMany({
      where: scope === 'all' ? {} : { id: { in: scope } },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, webAddress: true },
    }),
  ]);
  if (!user) return null;
  return {
    user: { id: user.id, fullName: user.fullName, email: user.email },
    roles: user.operatorRoles.map((r) => ({ role: r.role, location: r.location })),
    locations,
    expiresAt: actor.expiresAt,
  };
}

/** The member behind a portal session, and the impersonation banner's facts when there is one. */
export async function describePortalSession(ctx: ServiceContext, actor: Actor) {
  const [profile, caller] = await Promise.all([
    actor.coworkerId === null
      ? null
      : ctx.db.coworker.findUnique({
          where: { id: actor.coworkerId },
          select: {
            id: true,
            fullName: true,
            email: true,
            companyName: true,
            allowTeamAdminImpersonation: true,
            location: { select: { id: true, name: true, webAddress: true } },
            teamMemberships: {
              select: {
                isAdministrator: true,
                team: {
                  select: {
                    id: true,
                    name: true,
                    locationId: true,
                    members: { where: { isAdministrator: true }, select: { coworkerId: true } },
                  },
                },
              },
            },
          },
        }),
    teamCallerOf(ctx.db, actor),
  ]);
  const impersonation = actor.impersonation;
  return {
    userId: actor.userId,
    profile: profile && {
      id: profile.id,
      fullName: profile.fullName,
      email: profile.email,
      companyName: profile.companyName,
      allowTeamAdminImpersonation: profile.allowTeamAdminImpersonation,
      location: profile.location,
      teams: profile.teamMemberships.map(({ team, isAdministrator }) => ({
        id: team.id,
        name: team.name,
        isAdministrator,
        canAdminister: mayAdministerTeam(caller, {
          ...team,
          administratorIds: team.members.map((m) => m.coworkerId),
        }),
      })),
    },
    impersonation: impersonation && {
      id: impersonation.id,
      kind: impersonation.kind,
      mode: impersonation.mode,
      actorName: impersonation.actorName,
      reason: impersonation.reason,
      expiresAt: actor.expiresAt,
      /** Why nothing can be changed in this view (read-only), or null. */
      changesRefused: viewChangeRefusal(impersonation)?.message ?? null,
    },
  };
}
