import { type ImpersonationMode } from '@hotdesk/db';

import { reasonMaxLength, type RuleSettings, type ViewingSnapshot } from './facts';
import { type Refusal, refuse } from './refusals';
import { type ModeTerms, viewability } from './viewability';

export interface GrantRequest {
  mode: ImpersonationMode;
  reason: string | null;
  /** Start without the member's yes, where the location allows it; they are told afterwards. */
  urgent?: boolean;
}

/** Whether this grant may be issued now: the refusal, or null. */
export function grantRefusal(
  snapshot: ViewingSnapshot,
  request: GrantRequest,
  settings: RuleSettings,
  now: Date,
): Refusal | null {
  const terms = requestedModeTerms(snapshot, request, settings, now);
  if (!terms.allowed) return terms.refusal;
  const reason = reasonRefusal(terms, request);
  if (reason) return reason;
  const consent = request.urgent
    ? urgentRefusal(snapshot, terms)
    : memberConsentRefusal(snapshot, terms);
  if (consent) return consent;
  if (terms.secondApproval === 'needed') {
    return refuse(
      403,
      'second_approval_required',
      'Full access at this location needs a second ADMIN or OWNER to approve it: request approval first.',
    );
  }
  if (terms.reauthenticationRequired) {
    return refuse(403, 'reauthentication_required', 'Confirm your password to start full access.');
  }
  return null;
}

/** Whether a grant may go ahead without the member's yes: only where it is urgent and allowed. */
function urgentRefusal(
  snapshot: ViewingSnapshot,
  terms: Extract<ModeTerms, { allowed: true }>,
): Refusal | null {
  if (terms.urgentAllowed) return null;
  const why =
    snapshot.kind === 'TEAM_ADMIN'
      ? 'Only staff can start an urgent view; ask the member first.'
      : terms.memberConsent === 'not_needed' || terms.memberConsent === 'approved'
        ? 'This view does not wait for the member: it need not be marked urgent.'
        : 'Urgent views are not allowed at this location: the member has to agree first.';
  return refuse(403, 'urgent_not_allowed', why);
}

/** Why the member's yes is still missing, in words for the person asking, or null. */
function memberConsentRefusal(
  snapshot: ViewingSnapshot,
  terms: Extract<ModeTerms, { allowed: true }>,
): Refusal | null {
  const name = snapshot.target?.fullName ?? 'The member';
  const urgent = terms.urgentAllowed
    ? ' If it cannot wait, mark the view urgent: they are told afterwards.'
    : '';
  switch (terms.memberConsent) {
    case 'not_needed':
    case 'approved':
      return null;
    case 'cannot_be_asked':
      return refuse(
        403,
        'member_cannot_be_asked',
        `${name} cannot be asked: they have no portal login or no e-mail address.${urgent}`,
      );
    case 'declined':
      return refuse(
        403,
        'member_declined',
        `${name} declined this view. Ask again only if they expect it.${urgent}`,
      );
    case 'waiting':
      return refuse(
        403,
        'member_consent_required',
        `${name} has not answered yet: the view starts once they agree.${urgent}`,
      );
    case 'needed':
      return refuse(
        403,
        'member_consent_required',
        `${name} has to agree first: ask them.${urgent}`,
      );
  }
}

/** Whose yes a new request for this view would wait for: the member's, a second operator's. */
export function accessRequestNeeds(terms: Extract<ModeTerms, { allowed: true }>): {
  member: boolean;
  second: boolean;
} {
  return {
    member: ['needed', 'waiting', 'declined'].includes(terms.memberConsent),
    second: terms.secondApproval === 'needed',
  };
}

/** The terms of the mode asked for, or why the viewer may not have it (or any view). */
function requestedModeTerms(
  snapshot: ViewingSnapshot,
  request: GrantRequest,
  settings: RuleSettings,
  now: Date,
): ModeTerms {
  const answer = viewability(snapshot, settings, now);
  return answer.allowed ? answer.modes[request.mode] : answer;
}

function reasonRefusal(terms: { reasonRequired: boolean }, request: GrantRequest): Refusal | null {
  if (request.reason && request.reason.length > reasonMaxLength) {
    return refuse(
      400,
      'reason_too_long',
      `reason must be at most ${reasonMaxLength} characters.`,
      'reason',
    );
  }
  if (terms.reasonRequired && !request.reason) {
    return refuse(
      400,
      'reason_required',
      request.mode === 'FULL'
        ? 'A reason is required for full access.'
        : 'A reason is required to view a member at this location.',
      'reason',
    );
  }
  return null;
}

/**
 * Whether the viewer may ask for this view's approval: everything a grant needs but the
 * approval itself, and only where the terms say one is needed.
 */
export function accessRequestRefusal(
  snapshot: ViewingSnapshot,
  request: GrantRequest,
  settings: RuleSettings,
  now: Date,
): Refusal | null {
  const terms = requestedModeTerms(snapshot, request, settings, now);
  if (!terms.allowed) return terms.refusal;
  const needs = accessRequestNeeds(terms);
  if (!needs.member && !needs.second) {
    if (terms.memberConsent === 'cannot_be_asked') return memberConsentRefusal(snapshot, terms);
    return refuse(
      400,
      'second_approval_not_needed',
      terms.secondApproval === 'approved' || terms.memberConsent === 'approved'
        ? 'This view is already approved: open the portal.'
        : 'This view needs no approval: open the portal.',
      'mode',
    );
  }
  return reasonRefusal(terms, request);
}
