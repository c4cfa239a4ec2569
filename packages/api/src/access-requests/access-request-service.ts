import { randomUUID } from 'node:crypto';

import { Prisma, type ImpersonationMode } from '@hotdesk/db';

import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { ruleSettingsOf } from '../config';
import { type ServiceContext } from '../context';
import { refusalError } from '../errors';
import { loadViewingSnapshot } from '../impersonation/grant-statements';
import { viewerOf } from '../impersonation/impersonation-snapshot';
import {
  accessRequestMinutes,
  accessRequestRefusal,
  approvalRefusal,
  mayManageLocation,
  type AccessRequestFacts,
  type AccessRequestStatus,
} from '../impersonation/rules';
import { viewableLocations, type Actor } from '../sessions/actor';

export interface AccessRequestAsk {
  coworkerId: number;
  /** As for a grant, read-only unless asked (and read-only views need no approval). */
  mode?: ImpersonationMode;
  reason?: string | null;
}

const requestSelect = {
  id: true,
  kind: true,
  mode: true,
  reason: true,
  requesterUserId: true,
  targetCoworkerId: true,
  locationId: true,
  status: true,
  createdAt: true,
  expiresAt: true,
  secondApprovedAt: true,
  decidedAt: true,
  requester: { select: { fullName: true } },
  secondApprover: { select: { fullName: true } },
  target: { select: { fullName: true } },
  location: { select: { name: true } },
} satisfies Prisma.AccessRequestSelect;

type RequestRow = Prisma.AccessRequestGetPayload<{ select: typeof requestSelect }>;

/** A request as the admin app shows it; `canDecide` is the rules' answer for the caller. */
export interface AccessRequestView {
  id: string;
  mode: ImpersonationMode;
  reason: string | null;
  status: AccessRequestStatus;
  requester: { id: number; fullName: string };
  target: { id: number; fullName: string };
  location: { id: number; name: string };
  createdAt: Date;
  expiresAt: Date;
  approvedBy: string | null;
  decidedAt: Date | null;
  canDecide: boolean;
  /** Why the caller may not decide, when they may not. */
  cannotDecideBecause: string | null;
}

/** A waiting request past its time reads as expired, whatever its stored status says. */
function statusAt(row: Pick<RequestRow, 'status' | 'expiresAt'>, now: Date): AccessRequestStatus {
  const waiting = row.status === 'PENDING' || row.status === 'APPROVED';
  return waiting && row.expiresAt <= now ? 'EXPIRED' : row.status;
}

function toView(actor: Actor, row: RequestRow, now: Date): AccessRequestView {
  const refusal = approvalRefusal(viewerOf(actor, []), row, now);
  return {
    id: row.id,
    mode: row.mode,
    reason: row.reason,
    status: statusAt(row, now),
    requester: { id: row.requesterUserId, fullName: row.requester.fullName },
    target: { id: row.targetCoworkerId, fullName: row.target.fullName },
    location: { id: row.locationId, name: row.location.name },
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    approvedBy: row.secondApprover?.fullName ?? null,
    decidedAt: row.decidedAt,
    canDecide: refusal === null,
    cannotDecideBecause: refusal?.message ?? null,
  };
}

/**
 * An operator asks a second ADMIN or OWNER to approve their full view of a customer, where the
 * location's policy says so (the rules decide). Asking again while a request waits returns it.
 */
export async function createAccessRequest(
  ctx: ServiceContext,
  actor: Actor,
  ask: AccessRequestAsk,
): Promise<AccessRequestView> {
  const now = ctx.now();
  const wanted = { mode: ask.mode ?? 'READ_ONLY', reason: ask.reason?.trim() || null };
  const snapshot = await loadViewingSnapshot(ctx.db, actor, 'OPERATOR', ask.coworkerId);
  const refusal = accessRequestRefusal(snapshot, wanted, ruleSettingsOf(ctx.config), now);
  if (refusal) throw refusalError(refusal);
  const target = snapshot.target;
  // The rules refuse without both; this only tells the compiler so.
  if (!target || actor.userId === null) throw refusalError(refusalOfNobody);
  const requesterUserId = actor.userId;
  return auditedTransaction(ctx.db, async (tx) => {
    const waiting = await tx.accessRequest.findFirst({
      where: {
        requesterUserId,
        targetCoworkerId: target.id,
        kind: 'OPERATOR',
        mode: wanted.mode,
        status: 'PENDING',
        expiresAt: { gt: now },
      },
      select: requestSelect,
    });
    if (waiting) return toView(actor, waiting, now);
    const created = await tx.accessRequest.create({
      data: {
        id: randomUUID(),
        kind: 'OPERATOR',
        mode: wanted.mode,
        reason: wanted.reason,
        requesterUserId,
        requesterSessionId: actor.sessionId,
        targetCoworkerId: target.id,
        locationId: target.locationId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + accessRequestMinutes * 60_000),
      },
      select: requestSelect,
    });
    await recordAuditEvent(tx, {
      type: 'ACCESS_REQUEST_CREATED',
      actor,
      targetCoworkerId: target.id,
      locationId: target.locationId,
      data: { accessRequestId: created.id, mode: created.mode, reason: created.reason },
      request: ctx.request,
      at: now,
    });
    return toView(actor, created, now);
  });
}

const refusalOfNobody = {
  status: 401 as const,
  code: 'not_an_operator',
  message: 'Your role does not allow impersonating customers.',
};

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

/** The caller's latest request to view this customer in full: what the impersonate dialog shows. */
export async function latestOwnAccessRequest(
  ctx: ServiceContext,
  actor: Actor,
  coworkerId: number,
): Promise<AccessRequestView | null> {
  if (actor.userId === null) return null;
  const row = await ctx.db.accessRequest.findFirst({
    where: { requesterUserId: actor.userId, targetCoworkerId: coworkerId, mode: 'FULL' },
    orderBy: { createdAt: 'desc' },
    select: requestSelect,
  });
  return row && toView(actor, row, ctx.now());
}

export type AccessDecision = 'APPROVED' | 'DENIED';

/**
 * A second ADMIN or OWNER of the location approves or denies a waiting request (the rules say
 * who may); audited with both names. The row is locked, so two decisions cannot both land.
 */
export async function decideAccessRequest(
  ctx: ServiceContext,
  actor: Actor,
  requestId: string,
  decision: AccessDecision,
): Promise<AccessRequestView> {
  const now = ctx.now();
  return auditedTransaction(ctx.db, async (tx) => {
    const [locked] = await tx.$queryRaw<AccessRequestFacts[]>(
      Prisma.sql`SELECT "id", "kind", "mode", "requesterUserId", "targetCoworkerId", "locationId",
          "status", "expiresAt" FROM "AccessRequest" WHERE "id" = ${requestId}::uuid FOR UPDATE`,
    );
    const refusal = approvalRefusal(viewerOf(actor, []), locked ?? null, now);
    if (refusal || !locked) throw refusalError(refusal ?? refusalOfNobody);
    const decided = await tx.accessRequest.update({
      where: { id: requestId },
      data: {
        status: decision,
        decidedAt: now,
        ...(decision === 'APPROVED' && {
          secondApproverUserId: actor.userId,
          secondApprovedAt: now,
        }),
      },
      select: requestSelect,
    });
    await recordAuditEvent(tx, {
      type: decision === 'APPROVED' ? 'ACCESS_REQUEST_APPROVED' : 'ACCESS_REQUEST_DENIED',
      actor,
      targetCoworkerId: decided.targetCoworkerId,
      locationId: decided.locationId,
      data: {
        accessRequestId: decided.id,
        mode: decided.mode,
        reason: decided.reason,
        requestedBy: { userId: decided.requesterUserId, name: decided.requester.fullName },
      },
      request: ctx.request,
      at: now,
    });
    return toView(actor, decided, now);
  });
}
