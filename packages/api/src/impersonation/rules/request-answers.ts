import { type AccessRequestFacts, type ViewerFacts } from './facts';
import { type Refusal, refuse } from './refusals';
import { type Reporter } from './reports';
import { locationManagerRefusal, mayImpersonateAt, mayManageLocation } from './roles';

/**
 * Who answers a request for their consent: the member signed in as themself, or (the e-mail's
 * link) the member a verified link names.
 */
export type MemberDecider = Reporter & { via: 'session' | 'link' };

/**
 * Who may answer a request for the member's consent: the member viewed, signed in as themself
 * (any of their profiles: the request names their user). Never an impersonated session: the
 * person behind a view cannot say yes for the member. Anyone else is told the request does not
 * exist, so request ids cannot be probed. A link from the e-mail alone may only say no: a
 * forwarded or leaked e-mail must not open the member's account, so a yes needs them signed in.
 */
export function memberDecisionRefusal(
  decider: MemberDecider,
  request: (AccessRequestFacts & { targetUserId: number | null }) | null,
  decision: 'APPROVED' | 'DENIED',
  now: Date,
): Refusal | null {
  const theMember =
    decider.via === 'link'
      ? decider.coworkerId !== null && decider.coworkerId === request?.targetCoworkerId
      : decider.userId !== null && decider.userId === request?.targetUserId;
  if (!request || !request.needsMemberConsent || decider.impersonating || !theMember) {
    return refuse(404, 'not_found', 'No such request for your agreement.');
  }
  if (decider.via === 'link' && decision === 'APPROVED') {
    return refuse(
      403,
      'sign_in_to_approve',
      'Sign in as yourself to approve: the link in the e-mail can only deny.',
    );
  }
  if (request.status !== 'PENDING' || request.memberApproved || request.expiresAt <= now) {
    return refuse(
      400,
      'request_closed',
      'This request is no longer waiting for you: it was answered, used or has expired.',
    );
  }
  return null;
}

/**
 * Who may approve or deny a request: an ADMIN or OWNER of its location who is not the person
 * asking. Anyone who may not even see the location's customers is told the request does not
 * exist, so request ids cannot be probed.
 */
export function approvalRefusal(
  approver: Pick<ViewerFacts, 'userId' | 'roles' | 'impersonating'>,
  request: AccessRequestFacts | null,
  now: Date,
): Refusal | null {
  if (approver.impersonating || approver.userId === null) {
    return refuse(401, 'not_an_operator', 'Only operators can decide on access requests.');
  }
  if (
    !request ||
    !request.needsSecondApproval ||
    !(
      mayImpersonateAt(approver.roles, request.locationId) ||
      mayManageLocation(approver.roles, request.locationId)
    )
  ) {
    return refuse(404, 'not_found', 'No such access request at your locations.');
  }
  // Two people, or it is not a second approval: nobody approves their own request.
  if (request.requesterUserId === approver.userId) {
    return refuse(
      403,
      'own_request',
      'You cannot decide on your own request: another ADMIN or OWNER of this location must.',
    );
  }
  const manager = locationManagerRefusal(approver.roles, request.locationId, 'approve full access');
  if (manager) return manager;
  if (request.status !== 'PENDING' || request.secondApproved || request.expiresAt <= now) {
    return refuse(
      400,
      'request_closed',
      'This request is no longer waiting: it was decided, used or has expired.',
    );
  }
  return null;
}
