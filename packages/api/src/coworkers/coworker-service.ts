import { type Prisma } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { notFound } from '../errors';
import { describeViewability } from '../impersonation/describe-viewability';
import { mayManageLocation } from '../impersonation/rules';
import { scopeCovers, viewableLocations, type Actor } from '../sessions/actor';

const rowSelect = {
  id: true,
  fullName: true,
  email: true,
  companyName: true,
  active: true,
  type: true,
  createdAt: true,
  location: { select: { id: true, name: true } },
  user: { select: { id: true, operatorRoles: { select: { id: true }, take: 1 } } },
} satisfies Prisma.CoworkerSelect;

type Row = Prisma.CoworkerGetPayload<{ select: typeof rowSelect }>;

function toRow(row: Row) {
  return {
    id: row.id,
    fullName: row.fullName,
    email: row.email,
    companyName: row.companyName,
    active: row.active,
    type: row.type,
    createdAt: row.createdAt,
    location: row.location,
    hasLogin: row.user !== null,
    isStaff: (row.user?.operatorRoles.length ?? 0) > 0,
  };
}

function scopeWhere(actor: Actor): Prisma.CoworkerWhereInput {
  const scope = viewableLocations(actor);
  return scope === 'all' ? {} : { locationId: { in: scope } };
}

/**
 * One customer for the operator's detail page, with the rules' answer to "can I view this
 * person?" and, per team, whether the operator may change its administrators.
 */
export async function getCoworkerDetail(ctx: ServiceContext, actor: Actor, coworkerId: number) {
  const scoped = scopeWhere(actor);
  const [coworker, impersonation] = await Promise.all([
    ctx.db.coworker.findFirst({
      where: { ...scoped, id: coworkerId },
      select: {
        ...rowSelect,
        hasVirtualOffice: true,
        teamMemberships: {
          select: { isAdministrator: true, team: { select: { id: true, name: true } } },
        },
        _count: {
          select: {
            currentInSessions: { where: { revokedAt: null, expiresAt: { gt: ctx.now() } } },
          },
        },
      },
    }),
    describeViewability(ctx, actor, 'OPERATOR', coworkerId),
  ]);
  if (!coworker) throw notFound(`No customer with id ${coworkerId} in your locations.`);
  const mayChangeAdministrators = mayManageLocation(actor.operatorRoles, coworker.location.id);
  return {
    ...toRow(coworker),
    impersonation,
    teams: coworker.teamMemberships.map((m) => ({
      ...m.team,
      isAdministrator: m.isAdministrator,
      canChangeAdministrator: mayChangeAdministrators,
    })),
    activeSessions: coworker._count.currentInSessions,
  };
}

/** Teams of the operator's locations, for the customer filter. */
export async function listTeamsInScope(ctx: ServiceContext, actor: Actor, locationId?: number) {
  const scope = viewableLocations(actor);
  if (locationId !== undefined && !scopeCovers(scope, locationId)) return [];
  return ctx.db.team.findMany({
    where:
      locationId !== undefined
        ? { locationId }
        : scope === 'all'
          ? {}
          : { locationId: { in: scope } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, locationId: true },
  });
}
