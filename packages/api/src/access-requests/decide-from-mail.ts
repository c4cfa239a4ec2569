import { type MailLinkClaims } from '@hotdesk/auth';

import { type ServiceContext } from '../context';
import { type DecideAccessRequestLinkDescription } from '../mail-links/mail-link-contract';
import { invalidMailLink, readMailLink, spendMailLink } from '../mail-links/read-mail-link';
import { answerOf } from '../notifications/notification-service';
import { viewerRoleOf } from '../notifications/view-notice';
import { type Actor } from '../sessions/actor';
import { answerAsMember, type AccessDecision, type AnsweringMember } from './decide-access-request';

/** The request a `decide_access_request` link names, if it asks the member the link was sent to. */
async function requestNamedBy(ctx: ServiceContext, link: MailLinkClaims) {
  const request = await ctx.db.accessRequest.findUnique({
    where: { id: link.subjectId },
    select: {
      id: true,
      kind: true,
      mode: true,
      reason: true,
      status: true,
      expiresAt: true,
      needsMemberConsent: true,
      memberApprovedAt: true,
      memberDeniedAt: true,
      targetCoworkerId: true,
      target: { select: { fullName: true, userId: true } },
      requester: { select: { fullName: true } },
      location: { select: { name: true } },
    },
  });
  // A link never speaks of someone else's request: the same answer as for a forged one.
  if (!request?.needsMemberConsent || request.targetCoworkerId !== link.coworkerId) {
    throw invalidMailLink();
  }
  return request;
}

/** Whether the browser holds the member's own session (not a view of them, not someone else). */
function signedInAsMember(actor: Actor | null, targetUserId: number | null): actor is Actor {
  return (
    actor != null &&
    actor.impersonation === null &&
    actor.userId !== null &&
    actor.userId === targetUserId
  );
}

/** What the request's e-mail link is about, read without changing anything. */
export async function describeAccessRequestForMailLink(
  ctx: ServiceContext,
  link: MailLinkClaims,
  actor: Actor | null,
): Promise<DecideAccessRequestLinkDescription> {
  const request = await requestNamedBy(ctx, link);
  return {
    purpose: 'decide_access_request',
    memberName: request.target.fullName,
    requesterName: request.requester.fullName,
    requesterRole: viewerRoleOf(request.kind),
    locationName: request.location.name,
    mode: request.mode,
    reason: request.reason,
    answerBy: request.expiresAt,
    answer: answerOf(request, ctx.now()).answer,
    signedInAsMember: signedInAsMember(actor, request.target.userId),
  };
}

/**
 * The member's answer from the request's e-mail. "Deny" works from the link alone; "Approve"
 * only in a browser signed in as the member themself (the rules refuse a link's yes). Either
 * way the link is spent in the answer's own transaction, so it answers once.
 */
export async function decideAccessRequestFromMail(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { token: string; decision: AccessDecision },
): Promise<{ answer: 'approved' | 'denied'; waitingForSecondApproval: boolean }> {
  const link = await readMailLink(ctx, input.token, ['decide_access_request']);
  const request = await requestNamedBy(ctx, link);
  const spendLink = (tx: Parameters<typeof spendMailLink>[0]) => spendMailLink(tx, link, ctx.now());
  const member: AnsweringMember = signedInAsMember(actor, request.target.userId)
    ? { via: 'session', actor, spendLink }
    : { via: 'link', coworkerId: link.coworkerId, spendLink };
  const decided = await answerAsMember(ctx, member, request.id, input.decision);
  return {
    answer: input.decision === 'APPROVED' ? 'approved' : 'denied',
    waitingForSecondApproval: input.decision === 'APPROVED' && decided.status === 'PENDING',
  };
}
