import { type ImpersonationKind, type ImpersonationMode } from '@hotdesk/db';

import {
  type AccessApproval,
  defaultLocationPolicy,
  type LocationPolicy,
  reasonMaxLength,
  type RuleSettings,
  sessionMinutesFor,
  type TargetFacts,
  type ViewerFacts,
  type ViewingSnapshot,
} from './facts';
import { type Refusal, refuse } from './refusals';
import { impersonatesAnywhere, mayImpersonateAt } from './roles';

/**
 * Whether a mode waits for a second person: `needed` until an approval of this very request
 * (viewer, target, mode) is at hand, then `approved` until a grant uses it.
 */
export type SecondApproval = 'not_needed' | 'needed' | 'approved';

/**
 * Whether a mode waits for the member's yes, where the location asks the member first: `needed`
 * until asked, `waiting` while the request waits for them (or, once they said yes, for a second
 * approval), `approved` until a grant uses their yes, `declined` once they said no (asking again
 * is allowed), and `cannot_be_asked` for a member without a portal login or an e-mail address.
 */
export type MemberConsent =
  'not_needed' | 'needed' | 'waiting' | 'approved' | 'declined' | 'cannot_be_asked';

export type ModeTerms =
  | {
      allowed: true;
      reasonRequired: boolean;
      reauthenticationRequired: boolean;
      secondApproval: SecondApproval;
      /** Who approved, when `secondApproval` is `approved`. */
      approvedBy: string | null;
      memberConsent: MemberConsent;
      /** Until when the request waits (`waiting`) or the yes holds (`approved`). */
      consentUntil: Date | null;
      /** The viewer may start it urgently, without the member's yes: they are told afterwards. */
      urgentAllowed: boolean;
    }
  | { allowed: false; refusal: Refusal };

/** The answer to "can I view this person?": a refusal, or the terms of each mode. */
export type Viewability =
  | { allowed: false; refusal: Refusal }
  | {
      allowed: true;
      modes: Record<ImpersonationMode, ModeTerms>;
      reasonMaxLength: number;
      tokenSeconds: number;
      sessionMinutes: number;
      idleMinutes: number;
    };

/** Who may be viewed at all, whatever the mode: the refusal, or null. */
export function viewingRefusal(snapshot: ViewingSnapshot): Refusal | null {
  const { kind, viewer, target, requestedId } = snapshot;
  if (kind === 'OPERATOR') {
    // Members, VIEWERs and impersonated sessions are simply not operators here: 401, as the
    // contract says, whatever the id.
    if (viewer.impersonating || !impersonatesAnywhere(viewer.roles)) {
      return refuse(401, 'not_an_operator', 'Your role does not allow impersonating customers.');
    }
    // Outside the operator's locations the coworker "does not exist": 404 never confirms it
    // exists elsewhere, and an unknown id gets the very same answer.
    if (!target || !mayImpersonateAt(viewer.roles, target.locationId)) {
      return refuse(404, 'not_found', `No customer with id ${requestedId} that you may view.`);
    }
  } else {
    // Decided before anything about the target: nobody learns which ids exist by asking.
    if (viewer.impersonating) {
      return refuse(
        403,
        'impersonated_session',
        'An impersonated session cannot start another impersonation.',
      );
    }
    if (viewer.administeredTeamIds.length === 0) {
      return refuse(
        403,
        'not_a_team_administrator',
        'Only a team administrator may view the portal as a team member.',
      );
    }
    if (!target || sharedTeams(viewer, target).length === 0) {
      return refuse(404, 'not_found', `No member with id ${requestedId} in a team you administer.`);
    }
  }
  return targetRefusal(kind, viewer, target);
}

function sharedTeams(viewer: ViewerFacts, target: TargetFacts) {
  return target.teams.filter((team) => viewer.administeredTeamIds.includes(team.teamId));
}

/** Why a target inside the viewer's scope may still not be viewed; the answer says why (403). */
function targetRefusal(
  kind: ImpersonationKind,
  viewer: ViewerFacts,
  target: TargetFacts,
): Refusal | null {
  // Nobody borrows another member of staff's rights through their customer profile.
  if (target.isStaff) {
    return refuse(403, 'staff', 'This is also a staff account, and staff cannot be impersonated.');
  }
  if (!target.active) {
    return refuse(403, 'inactive', 'This member is suspended (inactive) and cannot be viewed.');
  }
  const isSelf =
    (viewer.userId !== null && target.userId === viewer.userId) || target.id === viewer.coworkerId;
  if (isSelf) return refuse(403, 'self', 'You cannot impersonate your own profile.');
  if (kind === 'OPERATOR') {
    if (!target.policy.operatorImpersonationEnabled) {
      return refuse(403, 'kind_disabled', 'Operator impersonation is turned off at this location.');
    }
    return null;
  }
  // Administrators of one team are peers: none may act as another.
  if (sharedTeams(viewer, target).some((team) => team.isAdministrator)) {
    return refuse(
      403,
      'peer_administrator',
      'This member is also an administrator of your team and cannot be viewed.',
    );
  }
  if (!target.policy.teamAdminImpersonationEnabled) {
    return refuse(
      403,
      'kind_disabled',
      'Your coworking space has turned off viewing by team administrators.',
    );
  }
  // Members may opt out of their team administrators, never of operators' support access.
  if (!target.allowTeamAdminImpersonation) {
    return refuse(
      403,
      'member_opted_out',
      'This member has turned off viewing by team administrators.',
    );
  }
  return null;
}

function modeTerms(
  mode: ImpersonationMode,
  snapshot: ViewingSnapshot,
  policy: LocationPolicy,
  settings: RuleSettings,
  now: Date,
): ModeTerms {
  const viewer = snapshot.viewer;
  if (mode === 'FULL' && !policy.fullModeAllowed) {
    return {
      allowed: false,
      refusal: refuse(403, 'full_mode_disabled', 'Full access is not allowed at this location.'),
    };
  }
  return {
    allowed: true,
    // Acting as someone always needs a reason; looking needs one where the location says so.
    reasonRequired: mode === 'FULL' || policy.reasonRequired,
    // Full access is the dangerous one: it needs proof that the person at the keyboard is the
    // session's owner, recent enough that a borrowed unlocked laptop is not enough.
    reauthenticationRequired: mode === 'FULL' && !recentlyReauthenticated(viewer, settings, now),
    ...secondApprovalOf(mode, snapshot, policy, now),
    ...memberConsentOf(mode, snapshot, policy, now),
  };
}

/**
 * Where the location asks the member first, every view by an operator or a team administrator
 * waits for the member's own yes; only an operator, and only where the location allows it, may
 * start one urgently instead (the member is told after the fact). A team administrator never.
 */
function memberConsentOf(
  mode: ImpersonationMode,
  snapshot: ViewingSnapshot,
  policy: LocationPolicy,
  now: Date,
): { memberConsent: MemberConsent; consentUntil: Date | null; urgentAllowed: boolean } {
  const consent = consentState(mode, snapshot, policy, now);
  const urgentAllowed =
    snapshot.kind === 'OPERATOR' &&
    policy.urgentViewAllowed &&
    consent.memberConsent !== 'not_needed' &&
    consent.memberConsent !== 'approved';
  return { ...consent, urgentAllowed };
}

function consentState(
  mode: ImpersonationMode,
  snapshot: ViewingSnapshot,
  policy: LocationPolicy,
  now: Date,
): { memberConsent: MemberConsent; consentUntil: Date | null } {
  const target = snapshot.target;
  if (!policy.askMemberFirst || !target) return { memberConsent: 'not_needed', consentUntil: null };
  const approval = usableApproval(snapshot, mode, now);
  if (approval?.memberApproved)
    return { memberConsent: 'approved', consentUntil: approval.expiresAt };
  if (!target.hasLogin || !target.hasEmail) {
    return { memberConsent: 'cannot_be_asked', consentUntil: null };
  }
  const latest = latestRequest(snapshot, mode);
  if (!latest?.needsMemberConsent) return { memberConsent: 'needed', consentUntil: null };
  if (latest.memberDenied) return { memberConsent: 'declined', consentUntil: null };
  if (latest.status === 'PENDING' && latest.expiresAt > now) {
    return { memberConsent: 'waiting', consentUntil: latest.expiresAt };
  }
  return { memberConsent: 'needed', consentUntil: null };
}

/** The viewer's latest request to view this target in this mode, as this kind, if any. */
function latestRequest(snapshot: ViewingSnapshot, mode: ImpersonationMode): AccessApproval | null {
  const { viewer, target } = snapshot;
  if (!target || viewer.userId === null) return null;
  return (
    snapshot.requests?.find(
      (request) =>
        request.kind === snapshot.kind &&
        request.mode === mode &&
        request.requesterUserId === viewer.userId &&
        request.targetCoworkerId === target.id &&
        request.locationId === target.locationId,
    ) ?? null
  );
}

/**
 * Where the location asks for it, an operator's full view needs a second ADMIN or OWNER's yes
 * first; team administrators' full views stay governed by `fullModeAllowed` alone.
 */
function secondApprovalOf(
  mode: ImpersonationMode,
  snapshot: ViewingSnapshot,
  policy: LocationPolicy,
  now: Date,
): { secondApproval: SecondApproval; approvedBy: string | null } {
  if (mode !== 'FULL' || snapshot.kind !== 'OPERATOR' || !policy.fullAccessNeedsSecondApproval) {
    return { secondApproval: 'not_needed', approvedBy: null };
  }
  const approval = usableApproval(snapshot, mode, now);
  return approval?.secondApproved
    ? { secondApproval: 'approved', approvedBy: approval.approverName }
    : { secondApproval: 'needed', approvedBy: null };
}

/**
 * The approval a grant of this mode uses up: the one its terms count as `approved` (for the
 * second operator's part, the member's, or both). An urgent grant uses none for the member.
 */
export function approvalUsedBy(
  snapshot: ViewingSnapshot,
  mode: ImpersonationMode,
  now: Date,
): AccessApproval | null {
  const policy = snapshot.target?.policy;
  if (!policy) return null;
  const counted =
    secondApprovalOf(mode, snapshot, policy, now).secondApproval === 'approved' ||
    consentState(mode, snapshot, policy, now).memberConsent === 'approved';
  return counted ? usableApproval(snapshot, mode, now) : null;
}

/** The viewer's latest request, if it approves exactly this viewer's view of this target now. */
function usableApproval(
  snapshot: ViewingSnapshot,
  mode: ImpersonationMode,
  now: Date,
): AccessApproval | null {
  const approval = latestRequest(snapshot, mode);
  if (!approval) return null;
  const matches =
    approval.status === 'APPROVED' &&
    approval.expiresAt > now &&
    // Two people, or it is not a second approval.
    (!approval.secondApproved || approval.approverUserId !== snapshot.viewer.userId);
  return matches ? approval : null;
}

function recentlyReauthenticated(viewer: ViewerFacts, settings: RuleSettings, now: Date) {
  if (!viewer.reauthenticatedAt) return false;
  return now.getTime() - viewer.reauthenticatedAt.getTime() <= settings.reauthMinutes * 60_000;
}

/** The answer to "can I view this person?", with the terms both apps show before anything starts. */
export function viewability(
  snapshot: ViewingSnapshot,
  settings: RuleSettings,
  now: Date,
): Viewability {
  const refusal = viewingRefusal(snapshot);
  if (refusal) return { allowed: false, refusal };
  const policy = (snapshot.target ?? { policy: defaultLocationPolicy }).policy;
  return {
    allowed: true,
    modes: {
      READ_ONLY: modeTerms('READ_ONLY', snapshot, policy, settings, now),
      FULL: modeTerms('FULL', snapshot, policy, settings, now),
    },
    reasonMaxLength,
    tokenSeconds: settings.tokenSeconds,
    sessionMinutes: sessionMinutesFor(policy, settings),
    idleMinutes: settings.idleMinutes,
  };
}
