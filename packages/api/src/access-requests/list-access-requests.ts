import { type ImpersonationKind, type ImpersonationMode } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { mayManageLocation } from '../impersonation/rules';
import { viewableLocations, type Actor } from '../sessions/actor';
import { requestSelect, toView, type AccessRequestView } from './access-request-view';

/**
 * Requests waiting at the locations the caller manages (ADMIN, OWNER), newest first, each with
 * whether the caller may decide it: their own ones show, without the right to approve.
 */
export async function listPendingAccessRequests(
  ctx: ServiceContext,
  actor: Actor,
): Promise<AccessRequestView[]> {
  const now = ctx.now();
  const scope = viewableLocations(actor);
  const rows = await ctx.db.accessRequest.findMany({
    where: {
      status: 'PENDING',
      needsSecondApproval: true,
      secondApprovedAt: null,
      expiresAt: { gt: now },
      ...(scope === 'all' ? {} : { locationId: { in: scope } }),
    },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: requestSelect,
  });
  return rows
    .filter(
      (row) =>
        row.requesterUserId === actor.userId ||
        mayManageLocation(actor.operatorRoles, row.locationId),
    )
    .map((row) => toView(actor, row, now));
}

/** The caller's latest request to view this person in this mode: what the dialogs show. */
export async function latestOwnAccessRequest(
  ctx: ServiceContext,
  actor: Actor,
  kind: ImpersonationKind,
  ask: { coworkerId: number; mode: ImpersonationMode },
): Promise<AccessRequestView | null> {
  if (actor.userId === null) return null;
  const row = await ctx.db.accessRequest.findFirst({
    where: {
      requesterUserId: actor.userId,
      targetCoworkerId: ask.coworkerId,
      kind,
      mode: ask.mode,
    },
    orderBy: { createdAt: 'desc' },
    select: requestSelect,
  });
  return row && toView(actor, row, ctx.now());
}

/** How far back the caller's own requests are listed: a working day of asks. */
const OWN_REQUESTS_HOURS = 24;
const OWN_REQUESTS_LIMIT = 20;

/**
 * The caller's own requests of this kind from the last day, newest first: how each stands now
 * (waiting, approved, denied, expired, used), so that a requester learns the outcome wherever
 * they are, not only in the dialog they asked from.
 */
export async function recentOwnAccessRequests(
  ctx: ServiceContext,
  actor: Actor,
  kind: ImpersonationKind,
): Promise<AccessRequestView[]> {
  if (actor.userId === null) return [];
  const now = ctx.now();
  const rows = await ctx.db.accessRequest.findMany({
    where: {
      requesterUserId: actor.userId,
      kind,
      createdAt: { gt: new Date(now.getTime() - OWN_REQUESTS_HOURS * 3_600_000) },
    },
    orderBy: { createdAt: 'desc' },
    take: OWN_REQUESTS_LIMIT,
    select: requestSelect,
  });
  return rows.map((row) => toView(actor, row, now));
}
