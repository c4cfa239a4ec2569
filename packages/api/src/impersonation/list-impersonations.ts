import { type Prisma } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { notFound } from '../errors';
import { scopeCovers, viewableLocations, type Actor, type LocationScope } from '../sessions/actor';
import { summarizeViews } from '../looks/look-summary';
import { reporterOf, viewerOf } from './impersonation-snapshot';
import { mayReportView, mayRevoke } from './rules';
import { sweepExpiredImpersonations } from './sweep-expired-impersonations';

const listSelect = {
  id: true,
  kind: true,
  mode: true,
  reason: true,
  issuedAt: true,
  tokenExpiresAt: true,
  exchangedAt: true,
  sessionExpiresAt: true,
  endedAt: true,
  endedReason: true,
  locationId: true,
  actorUser: {
    select: {
      id: true,
      fullName: true,
      email: true,
      operatorRoles: { select: { locationId: true, role: true } },
    },
  },
  target: { select: { id: true, fullName: true, email: true, userId: true } },
  location: { select: { id: true, name: true } },
  accessRequest: { select: { secondApprover: { select: { fullName: true } } } },
} satisfies Prisma.ImpersonationSelect;

type Row = Prisma.ImpersonationGetPayload<{ select: typeof listSelect }>;

export interface ImpersonationView {
  id: string;
  kind: 'OPERATOR' | 'TEAM_ADMIN';
  mode: 'READ_ONLY' | 'FULL';
  reason: string | null;
  status: 'pending' | 'active' | 'ended';
  actor: { id: number; fullName: string; email: string; role: string };
  target: { id: number; fullName: string; email: string | null };
  location: { id: number; name: string };
  issuedAt: Date;
  startedAt: Date | null;
  expiresAt: Date;
  endedAt: Date | null;
  endedReason: string | null;
  /** The second operator who approved this full view, where the location asks for one. */
  approvedBy: string | null;
  /** Whether the caller may end it now (rules/ `mayRevoke`). */
  canRevoke: boolean;
}

function toView(actor: Actor, row: Row): ImpersonationView {
  const { userId: targetUserId, ...target } = row.target;
  const role =
    row.kind === 'TEAM_ADMIN'
      ? 'Team administrator'
      : ((
          row.actorUser.operatorRoles.find((r) => r.locationId === row.locationId) ??
          row.actorUser.operatorRoles.find((r) => r.locationId === null)
        )?.role ?? 'Former operator');
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode,
    reason: row.reason,
    status: row.endedAt ? 'ended' : row.exchangedAt ? 'active' : 'pending',
    actor: {
      id: row.actorUser.id,
      fullName: row.actorUser.fullName,
      email: row.actorUser.email,
      role,
    },
    target,
    location: row.location,
    issuedAt: row.issuedAt,
    startedAt: row.exchangedAt,
    expiresAt: row.sessionExpiresAt ?? row.tokenExpiresAt,
    endedAt: row.endedAt,
    endedReason: row.endedReason,
    approvedBy: row.accessRequest?.secondApprover?.fullName ?? null,
    canRevoke:
      row.endedAt === null &&
      mayRevoke(viewerOf(actor, []), {
        actorUserId: row.actorUser.id,
        targetUserId,
        locationId: row.locationId,
      }),
  };
}

function locationFilter(scope: LocationScope): Prisma.ImpersonationWhereInput {
  return scope === 'all' ? {} : { locationId: { in: scope } };
}

/** Open impersonations in the operator's locations (pending tokens and live sessions). */
export async function listActiveImpersonations(
  ctx: ServiceContext,
  actor: Actor,
  filter: { locationId?: number } = {},
): Promise<ImpersonationView[]> {
  const scope = viewableLocations(actor);
  if (filter.locationId !== undefined && !scopeCovers(scope, filter.locationId)) return [];
  const where =
    filter.locationId !== undefined ? { locationId: filter.locationId } : locationFilter(scope);
  await sweepExpiredImpersonations(ctx, where);
  const rows = await ctx.db.impersonation.findMany({
    where: { ...where, endedAt: null },
    orderBy: { issuedAt: 'desc' },
    take: 200,
    select: listSelect,
  });
  return rows.map((row) => toView(actor, row));
}

/**
 * One impersonation, for an operator of its location (the lists' scope): otherwise 404, as for
 * an unknown id, so nobody learns what happens at other locations.
 */
export async function getImpersonation(
  ctx: ServiceContext,
  actor: Actor,
  impersonationId: string,
): Promise<ImpersonationView> {
  const row = await ctx.db.impersonation.findUnique({
    where: { id: impersonationId },
    select: listSelect,
  });
  if (!row || !scopeCovers(viewableLocations(actor), row.locationId)) {
    throw notFound('No such impersonation in your locations.');
  }
  return toView(actor, row);
}

/** Every impersonation of one customer, for the operator's customer page. */
export async function listCustomerImpersonations(
  ctx: ServiceContext,
  actor: Actor,
  coworkerId: number,
): Promise<ImpersonationView[]> {
  const coworker = await ctx.db.coworker.findUnique({
    where: { id: coworkerId },
    select: { locationId: true },
  });
  if (!coworker || !scopeCovers(viewableLocations(actor), coworker.locationId)) {
    throw notFound(`No customer with id ${coworkerId} in your locations.`);
  }
  const rows = await ctx.db.impersonation.findMany({
    where: { targetCoworkerId: coworkerId },
    orderBy: { issuedAt: 'desc' },
    take: 100,
    select: listSelect,
  });
  return rows.map((row) => toView(actor, row));
}

/** One view of a member's account as the member sees it: who, when, why, and what was seen. */
export interface AccountActivityView extends ImpersonationView {
  /** "viewed your invoices, opened INV-0042, …" (looks/look-summary.ts); null: nothing to say. */
  lookSummary: string | null;
  /** Whether the caller may report it ("I did not expect this"): the member, never a view. */
  canReport: boolean;
  /** The member's report of it, once made. */
  report: { id: string; words: string | null; createdAt: Date } | null;
}

const activitySelect = {
  ...listSelect,
  report: { select: { id: true, words: true, createdAt: true } },
} satisfies Prisma.ImpersonationSelect;

/** What a member sees of the times someone else viewed their account. */
export async function listAccountActivity(
  ctx: ServiceContext,
  actor: Actor,
): Promise<AccountActivityView[]> {
  // Inside an impersonation only the impersonated profile's history shows: the member's other
  // profiles may be at locations the impersonator does not cover.
  const targetWhere: Prisma.CoworkerWhereInput = actor.impersonation
    ? { id: actor.impersonation.targetCoworkerId }
    : actor.userId !== null
      ? { userId: actor.userId }
      : { id: actor.coworkerId ?? -1 };
  const rows = await ctx.db.impersonation.findMany({
    where: { target: targetWhere, exchangedAt: { not: null } },
    orderBy: { exchangedAt: 'desc' },
    take: 200,
    select: activitySelect,
  });
  const summaries = await summarizeViews(
    ctx.db,
    rows.map((row) => row.id),
  );
  const reporter = reporterOf(actor);
  return rows.map(({ report, ...row }) => ({
    ...toView(actor, row),
    lookSummary: summaries.get(row.id) ?? null,
    canReport: mayReportView(reporter, {
      targetCoworkerId: row.target.id,
      targetUserId: row.target.userId,
    }),
    report,
  }));
}
