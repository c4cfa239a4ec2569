import { type Prisma } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { notFound } from '../errors';
import {
  impersonableLocations,
  scopeCovers,
  viewableLocations,
  type Actor,
} from '../sessions/actor';
import { nameOrEmailContains } from '../text-search';

export interface CoworkerSearch {
  query?: string;
  locationId?: number;
  status?: 'active' | 'inactive';
  teamId?: number;
  sort: 'name' | 'email' | 'created';
  direction: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

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

function toRow(actor: Actor, row: Row) {
  const isStaff = (row.user?.operatorRoles.length ?? 0) > 0;
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
    isStaff,
    impersonationRefusal: impersonationRefusalFor(actor, { ...row, isStaff }),
  };
}

/** Mirrors the server's rules so the UI can explain a disabled button; the server still decides. */
function impersonationRefusalFor(
  actor: Actor,
  row: { active: boolean; isStaff: boolean; location: { id: number }; user: { id: number } | null },
): string | null {
  if (!scopeCovers(impersonableLocations(actor), row.location.id)) {
    return 'Your role does not allow impersonation at this location.';
  }
  if (row.isStaff) return 'Staff accounts cannot be impersonated.';
  if (!row.active) return 'Inactive customers cannot be impersonated.';
  if (row.user && row.user.id === actor.userId) return 'You cannot impersonate yourself.';
  return null;
}

function scopeWhere(actor: Actor, locationId?: number): Prisma.CoworkerWhereInput | null {
  const scope = viewableLocations(actor);
  if (locationId !== undefined) return scopeCovers(scope, locationId) ? { locationId } : null;
  return scope === 'all' ? {} : { locationId: { in: scope } };
}

/** Customer search for operators, always limited to the locations their roles cover. */
export async function searchCoworkers(ctx: ServiceContext, actor: Actor, search: CoworkerSearch) {
  const scoped = scopeWhere(actor, search.locationId);
  if (!scoped) return { rows: [], total: 0, page: search.page, pageSize: search.pageSize };
  const text = search.query?.trim();
  const where: Prisma.CoworkerWhereInput = {
    ...scoped,
    ...(search.status ? { active: search.status === 'active' } : {}),
    ...(search.teamId !== undefined
      ? { teamMemberships: { some: { teamId: search.teamId } } }
      : {}),
    ...(text ? nameOrEmailContains(text) : {}),
  };
  const orderField = { name: 'fullName', email: 'email', created: 'createdAt' } as const;
  const [total, rows] = await Promise.all([
    ctx.db.coworker.count({ where }),
    ctx.db.coworker.findMany({
      // Relations by separate queries for the 25 rows: joined in, they sit between the sort and
      // the LIMIT, and the sort of every match (all 100k without a term) can no longer keep
      // only the top rows; it spilled to disk.
      relationLoadStrategy: 'query',
      where,
      orderBy: [{ [orderField[search.sort]]: search.direction }, { id: 'asc' }],
      skip: (search.page - 1) * search.pageSize,
      take: search.pageSize,
      select: rowSelect,
    }),
  ]);
  return {
    rows: rows.map((row) => toRow(actor, row)),
    total,
    page: search.page,
    pageSize: search.pageSize,
  };
}

/** One customer for the operator's detail page. */
export async function getCoworkerDetail(ctx: ServiceContext, actor: Actor, coworkerId: number) {
  const scoped = scopeWhere(actor);
  const coworker = scoped
    ? await ctx.db.coworker.findFirst({
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
      })
    : null;
  if (!coworker) throw notFound(`No customer with id ${coworkerId} in your locations.`);
  return {
    ...toRow(actor, coworker),
    teams: coworker.teamMemberships.map((m) => ({ ...m.team, isAdministrator: m.isAdministrator })),
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
