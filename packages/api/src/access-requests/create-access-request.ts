import { randomUUID } from 'node:crypto';

import { type ImpersonationKind, type ImpersonationMode } from '@hotdesk/db';

import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { ruleSettingsOf } from '../config';
import { type Db, type ServiceContext } from '../context';
import { refusalError } from '../errors';
import { loadViewingSnapshot } from '../impersonation/grant-statements';
import {
  accessRequestMinutes,
  accessRequestNeeds,
  accessRequestRefusal,
  viewability,
} from '../impersonation/rules';
import { issueMailLink } from '../mail-links/issue-mail-link';
import { askMember } from '../notifications/consent-notice';
import { viewerRoleOf } from '../notifications/view-notice';
import { type Actor } from '../sessions/actor';
import {
  requestSelect,
  toView,
  type AccessRequestView,
  type RequestRow,
} from './access-request-view';

export interface AccessRequestAsk {
  coworkerId: number;
  /** As for a grant, read-only unless asked (and read-only views need no approval). */
  mode?: ImpersonationMode;
  reason?: string | null;
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
