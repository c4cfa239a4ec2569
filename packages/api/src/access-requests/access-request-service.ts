import { randomUUID } from 'node:crypto';

import { Prisma, type ImpersonationKind, type ImpersonationMode } from '@hotdesk/db';

import {
  auditedTransaction,
  recordAuditEvent,
  type AuditEventInput,
} from '../audit/record-audit-event';
import { ruleSettingsOf } from '../config';
import { type Db, type ServiceContext } from '../context';
import { refusalError } from '../errors';
import { loadViewingSnapshot } from '../impersonation/grant-statements';
import { reporterOf, viewerOf } from '../impersonation/impersonation-snapshot';
import {
  accessRequestMinutes,
  accessRequestNeeds,
  accessRequestRefusal,
  approvalRefusal,
  mayManageLocation,
  memberDecisionRefusal,
  viewability,
  type AccessRequestFacts,
  type AccessRequestStatus,
  type Refusal,
} from '../impersonation/rules';
import { issueMailLink } from '../mail-links/issue-mail-link';
import { askMember, tellRequester } from '../notifications/consent-notice';
import { viewerRoleOf } from '../notifications/view-notice';
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
  needsSecondApproval: true,
  needsMemberConsent: true,
  memberApprovedAt: true,
  memberDeniedAt: true,
  requester: { select: { fullName: true } },
  secondApprover: { select: { fullName: true } },
  target: { select: { fullName: true, userId: true } },
  location: { select: { name: true } },
} satisfies Prisma.AccessRequestSelect;

type RequestRow = Prisma.AccessRequestGetPayload<{ select: typeof requestSelect }>;

/** A request as the admin app shows it; `canDecide` is the rules' answer for the caller. */
export interface AccessRequestView {
  id: string;
  kind: ImpersonationKind;
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
  needsSecondApproval: boolean;
  needsMemberConsent: boolean;
  /** The member's answer where they are asked: none yet, yes, or no. */
  memberAnswer: 'waiting' | 'approved' | 'denied' | null;
  canDecide: boolean;
  /** Why the caller may not decide, when they may not. */
  cannotDecideBecause: string | null;
}

/** A waiting request past its time reads as expired, whatever its stored status says. */
function statusAt(row: Pick<RequestRow, 'status' | 'expiresAt'>, now: Date): AccessRequestStatus {
  const waiting = row.status === 'PENDING' || row.status === 'APPROVED';
  return waiting && row.expiresAt <= now ? 'EXPIRED' : row.status;
}

/** What the rules decide a request on, from its row. */
function factsOf(row: Omit<LockedRow, 'targetUserId'>) {
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode,
    requesterUserId: row.requesterUserId,
    targetCoworkerId: row.targetCoworkerId,
    locationId: row.locationId,
    status: row.status,
    expiresAt: row.expiresAt,
    needsSecondApproval: row.needsSecondApproval,
    needsMemberConsent: row.needsMemberConsent,
    secondApproved: row.secondApprovedAt !== null,
    memberApproved: row.memberApprovedAt !== null,
  } satisfies AccessRequestFacts;
}

function memberAnswerOf(row: RequestRow): AccessRequestView['memberAnswer'] {
  if (!row.needsMemberConsent) return null;
  if (row.memberDeniedAt) return 'denied';
  return row.memberApprovedAt ? 'approved' : 'waiting';
}

function toView(actor: Actor | null, row: RequestRow, now: Date): AccessRequestView {
  const refusal = actor
    ? approvalRefusal(viewerOf(actor, []), factsOf(row), now)
    : { message: 'Only operators can decide on access requests.' };
  return {
    id: row.id,
    kind: row.kind,
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
    needsSecondApproval: row.needsSecondApproval,
    needsMemberConsent: row.needsMemberConsent,
    memberAnswer: memberAnswerOf(row),
    canDecide: refusal === null,
    cannotDecideBecause: refusal?.message ?? null,
  };
}

/**
 * An operator or a team administrator asks for the yes their view waits for: a second ADMIN or
 * OWNER's (an operator's full view, where the location says so), the member's (where the
 * location asks the member first), or both in one request; the rules decide which. A member
 * asked gets a notice and an e-mail in the same transaction. Asking again while a request
 * waits returns it.
 */
export async function createAccessRequest(
  ctx: ServiceContext,
  actor: Actor,
  kind: ImpersonationKind,
  ask: AccessRequestAsk,
): Promise<AccessRequestView> {
  const now = ctx.now();
  const wanted = { mode: ask.mode ?? 'READ_ONLY', reason: ask.reason?.trim() || null };
  const snapshot = await loadViewingSnapshot(ctx.db, actor, kind, ask.coworkerId);
  const settings = ruleSettingsOf(ctx.config);
  const refusal = accessRequestRefusal(snapshot, wanted, settings, now);
  if (refusal) throw refusalError(refusal);
  const answer = viewability(snapshot, settings, now);
  const terms = answer.allowed ? answer.modes[wanted.mode] : null;
  const target = snapshot.target;
  // The rules refuse without all three; this only tells the compiler so.
  if (!target || actor.userId === null || !terms?.allowed) throw refusalError(refusalOfNobody);
  const needs = accessRequestNeeds(terms);
  const requesterUserId = actor.userId;
  const minutes = needs.member ? ctx.config.consentMinutes : accessRequestMinutes;
  return auditedTransaction(ctx.db, async (tx) => {
    const waiting = await tx.accessRequest.findFirst({
      where: {
        requesterUserId,
        targetCoworkerId: target.id,
        kind,
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
        kind,
        mode: wanted.mode,
        reason: wanted.reason,
        requesterUserId,
        requesterSessionId: actor.sessionId,
        targetCoworkerId: target.id,
        locationId: target.locationId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + minutes * 60_000),
        needsSecondApproval: needs.second,
        needsMemberConsent: needs.member,
      },
      select: requestSelect,
    });
    if (needs.member) await askTheMember(ctx, tx, created, now);
    await recordAuditEvent(tx, {
      type: 'ACCESS_REQUEST_CREATED',
      actor,
      actorCoworkerId: kind === 'TEAM_ADMIN' ? actor.coworkerId : null,
      targetCoworkerId: target.id,
      locationId: target.locationId,
      data: {
        accessRequestId: created.id,
        kind,
        mode: created.mode,
        reason: created.reason,
        asks: [...(needs.member ? ['member'] : []), ...(needs.second ? ['second operator'] : [])],
      },
      request: ctx.request,
      at: now,
    });
    return toView(actor, created, now);
  });
}

async function askTheMember(ctx: ServiceContext, tx: Db, request: RequestRow, now: Date) {
  const member = await tx.coworker.findUniqueOrThrow({
    where: { id: request.targetCoworkerId },
    select: { fullName: true, email: true, user: { select: { email: true } } },
  });
  const memberEmail = member.email ?? member.user?.email;
  // The rules ask only members with an address; this only tells the compiler so.
  if (!memberEmail) throw refusalError(refusalOfNobody);
  await askMember(tx, {
    accessRequestId: request.id,
    coworkerId: request.targetCoworkerId,
    memberName: member.fullName,
    memberEmail,
    data: {
      requesterName: request.requester.fullName,
      requesterRole: viewerRoleOf(request.kind),
      locationName: request.location.name,
      reason: request.reason,
      mode: request.mode,
      answerBy: request.expiresAt,
    },
    answerUrl: await issueMailLink(ctx, {
      purpose: 'decide_access_request',
      coworkerId: request.targetCoworkerId,
      subjectId: request.id,
      lifetimeSeconds: Math.ceil((request.expiresAt.getTime() - now.getTime()) / 1000),
      now,
    }),
    activityUrl: `${ctx.config.portalUrl}/account/activity`,
    now,
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

export type AccessDecision = 'APPROVED' | 'DENIED';

/**
 * A second ADMIN or OWNER of the location approves or denies a waiting request (the rules say
 * who may); audited with both names.
 */
export function decideAccessRequest(
  ctx: ServiceContext,
  actor: Actor,
  requestId: string,
  decision: AccessDecision,
): Promise<AccessRequestView> {
  return decide(ctx, actor, requestId, decision, {
    decidedAs: 'second operator',
    refusal: (locked, now) => approvalRefusal(viewerOf(actor, []), locked && factsOf(locked), now),
    completes: (locked) => !locked.needsMemberConsent || locked.memberApprovedAt !== null,
    yes: (now) => ({ secondApproverUserId: actor.userId, secondApprovedAt: now }),
    no: () => ({}),
  });
}

/**
 * The member answering: signed in as themself, or named by the verified link of the request's
 * e-mail, which is spent in the answer's own transaction (the link answers once).
 */
export type AnsweringMember =
  | { via: 'session'; actor: Actor; spendLink?: (tx: Db) => Promise<void> }
  | { via: 'link'; coworkerId: number; spendLink: (tx: Db) => Promise<void> };

/**
 * The member answers a request to view their account (the rules say who may, and that a link
 * alone only says no): a no denies it at once; a yes approves it, or waits on for a second
 * operator where one is needed too. Audited with the member as the one who decided; their
 * notice is read.
 */
export function answerAsMember(
  ctx: ServiceContext,
  member: AnsweringMember,
  requestId: string,
  decision: AccessDecision,
): Promise<AccessRequestView> {
  const decider =
    member.via === 'session'
      ? { ...reporterOf(member.actor), via: member.via }
      : { userId: null, coworkerId: member.coworkerId, impersonating: false, via: member.via };
  return decide(ctx, member.via === 'session' ? member.actor : null, requestId, decision, {
    decidedAs: 'member',
    memberCoworkerId: member.via === 'link' ? member.coworkerId : null,
    spendLink: member.spendLink,
    refusal: (locked, now) =>
      memberDecisionRefusal(
        decider,
        locked && { ...factsOf(locked), targetUserId: locked.targetUserId },
        decision,
        now,
      ),
    completes: (locked) => !locked.needsSecondApproval || locked.secondApprovedAt !== null,
    yes: (now) => ({ memberApprovedAt: now }),
    no: (now) => ({ memberDeniedAt: now }),
  });
}

/** Whose decision it is, and what their yes or no writes. */
interface DecidingSide {
  decidedAs: 'member' | 'second operator';
  /** The member a link names, where no session acts. */
  memberCoworkerId?: number | null;
  spendLink?: (tx: Db) => Promise<void>;
  refusal: (locked: LockedRow | null, now: Date) => Refusal | null;
  /** Whether this yes is the last one the request waits for. */
  completes: (locked: LockedRow) => boolean;
  yes: (now: Date) => Prisma.AccessRequestUncheckedUpdateInput;
  no: (now: Date) => Prisma.AccessRequestUncheckedUpdateInput;
}

/**
 * One decision on a request: the row is locked, so two decisions cannot both land; a refused
 * one changes nothing but the record. One no denies the request; the last yes it waits for
 * approves it.
 */
async function decide(
  ctx: ServiceContext,
  actor: Actor | null,
  requestId: string,
  decision: AccessDecision,
  side: DecidingSide,
): Promise<AccessRequestView> {
  const now = ctx.now();
  const outcome = await auditedTransaction(
    ctx.db,
    async (tx): Promise<{ refusal: Refusal } | { view: AccessRequestView }> => {
      const locked = await lockRequest(tx, requestId);
      const refusal = side.refusal(locked, now);
      if (refusal || !locked) {
        // Without a session, the decider is the member the e-mail's link names.
        const linkOf = actor ? null : (side.memberCoworkerId ?? null);
        if (refusal?.status === 403 && locked && (actor || linkOf)) {
          await recordAuditEvent(
            tx,
            refusedDecision(ctx, actor, linkOf, locked, decision, refusal, now),
          );
        }
        return { refusal: refusal ?? notFoundRefusal };
      }
      await side.spendLink?.(tx);
      const decided = await tx.accessRequest.update({
        where: { id: requestId },
        data:
          decision === 'APPROVED'
            ? { ...side.yes(now), ...(side.completes(locked) && approvedAt(ctx, locked, now)) }
            : { ...side.no(now), status: 'DENIED', decidedAt: now },
        select: requestSelect,
      });
      if (side.decidedAs === 'member') {
        await tx.notification.updateMany({
          where: { accessRequestId: requestId, readAt: null },
          data: { readAt: now },
        });
        if (decided.kind === 'TEAM_ADMIN') await tellTheTeamAdministrator(tx, decided, now);
      }
      await recordAuditEvent(tx, {
        type: decision === 'APPROVED' ? 'ACCESS_REQUEST_APPROVED' : 'ACCESS_REQUEST_DENIED',
        actor,
        ...(side.memberCoworkerId ? { actorCoworkerId: side.memberCoworkerId } : {}),
        targetCoworkerId: decided.targetCoworkerId,
        locationId: decided.locationId,
        data: {
          accessRequestId: decided.id,
          kind: decided.kind,
          mode: decided.mode,
          reason: decided.reason,
          decidedAs: side.decidedAs,
          ...(side.decidedAs === 'member' && { via: side.spendLink ? 'link' : 'session' }),
          requestedBy: { userId: decided.requesterUserId, name: decided.requester.fullName },
        },
        request: ctx.request,
        at: now,
      });
      return { view: toView(actor, decided, now) };
    },
  );
  if ('refusal' in outcome) throw refusalError(outcome.refusal);
  return outcome.view;
}

/** The member answered a team administrator's request: the administrator is told in the portal. */
async function tellTheTeamAdministrator(tx: Db, request: RequestRow, now: Date) {
  await tellRequester(tx, {
    accessRequestId: request.id,
    requesterUserId: request.requesterUserId,
    locationId: request.locationId,
    data: {
      memberName: request.target.fullName,
      answer: request.memberDeniedAt ? 'denied' : 'approved',
      locationName: request.location.name,
      mode: request.mode,
      usableUntil: request.status === 'APPROVED' ? request.expiresAt : null,
    },
    now,
  });
}

/**
 * A refused decision on a request the decider can see (their own request, a role that may not
 * approve, a yes from the e-mail's link alone): on the record, as a refused grant is. A link
 * is recorded as the member it names, the way its accepted answers are. A request that is
 * closed or out of their sight is not: the one is a race lost, the other would let anyone fill
 * the log.
 */
function refusedDecision(
  ctx: ServiceContext,
  actor: Actor | null,
  linkOf: number | null,
  request: LockedRow,
  decision: AccessDecision,
  refusal: Refusal,
  at: Date,
): AuditEventInput {
  return {
    type: 'ACCESS_REQUEST_DECISION_DENIED',
    actor,
    ...(linkOf && { actorCoworkerId: linkOf }),
    targetCoworkerId: request.targetCoworkerId,
    locationId: request.locationId,
    data: {
      accessRequestId: request.id,
      decision,
      kind: request.kind,
      mode: request.mode,
      ...(linkOf && { via: 'link' }),
      code: refusal.code,
      why: refusal.message,
    },
    request: ctx.request,
    at,
  };
}

/** The request's row, locked, with the member's user: two decisions on it cannot both land. */
async function lockRequest(tx: Db, requestId: string): Promise<LockedRow | null> {
  const [locked] = await tx.$queryRaw<LockedRow[]>(
    Prisma.sql`SELECT r."id", r."kind", r."mode", r."requesterUserId", r."targetCoworkerId",
        r."locationId", r."status", r."expiresAt", r."needsSecondApproval", r."needsMemberConsent",
        r."secondApprovedAt", r."memberApprovedAt", r."memberDeniedAt", c."userId" AS "targetUserId"
      FROM "AccessRequest" r JOIN "Coworker" c ON c."id" = r."targetCoworkerId"
      WHERE r."id" = ${requestId}::uuid FOR UPDATE OF r`,
  );
  return locked ?? null;
}

type LockedRow = Omit<
  RequestRow,
  'requester' | 'secondApprover' | 'target' | 'location' | 'reason' | 'createdAt' | 'decidedAt'
> & { targetUserId: number | null };

/**
 * The last yes a request waits for approves it: where the member was asked, their yes holds
 * for HOTDESK_CONSENT_MINUTES from now (and for one grant); a second approval alone keeps the
 * request's own time.
 */
function approvedAt(ctx: ServiceContext, request: LockedRow, now: Date) {
  return {
    status: 'APPROVED' as const,
    decidedAt: now,
    ...(request.needsMemberConsent && {
      expiresAt: new Date(now.getTime() + ctx.config.consentMinutes * 60_000),
    }),
  };
}

const notFoundRefusal: Refusal = {
  status: 404,
  code: 'not_found',
  message: 'No such access request.',
};
