import { Prisma } from '@hotdesk/db';

import {
  auditedTransaction,
  recordAuditEvent,
  type AuditEventInput,
} from '../audit/record-audit-event';
import { type Db, type ServiceContext } from '../context';
import { refusalError } from '../errors';
import { reporterOf, viewerOf } from '../impersonation/impersonation-snapshot';
import { approvalRefusal, memberDecisionRefusal, type Refusal } from '../impersonation/rules';
import { tellRequester } from '../notifications/consent-notice';
import { type Actor } from '../sessions/actor';
import {
  factsOf,
  requestSelect,
  toView,
  type AccessRequestView,
  type LockedRow,
  type RequestRow,
} from './access-request-view';

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
