import { type ImpersonationKind, type ImpersonationMode, type OperatorRoleKind } from '@hotdesk/db';

/*
 * The rules of impersonation, all of them: who may view whom, in which mode, on what terms,
 * when a view must end, who may end it, and what a view may never touch. Pure functions over a
 * snapshot of facts (impersonation-snapshot.ts loads it). The grant endpoints, the exchange,
 * every request of an impersonated session, revoke, team permissions and both apps' "can I view
 * this person?" answers ask these functions; nothing else decides, and the apps only show what
 * the answers say.
 */

export type Role = OperatorRoleKind;
type RoleGrant = { locationId: number | null; role: Role };

/** The person asking (or, for a running view, the person behind it). */
export interface ViewerFacts {
  userId: number | null;
  active: boolean;
  roles: readonly RoleGrant[];
  /** The profile acting as team administrator (the session's current profile). */
  coworkerId: number | null;
  /** Teams that profile administers. */
  administeredTeamIds: readonly number[];
  /** The asking session is itself an impersonated one. */
  impersonating: boolean;
  /** The viewer's own session is neither revoked nor expired. */
  sessionAlive: boolean;
  reauthenticatedAt: Date | null;
}

/** What a location allows; a location without a stored policy allows the defaults. */
export interface LocationPolicy {
  operatorImpersonationEnabled: boolean;
  teamAdminImpersonationEnabled: boolean;
  maxSessionMinutes: number;
  fullModeAllowed: boolean;
  reasonRequired: boolean;
  /** An operator's full view waits for a second ADMIN or OWNER of the location to approve it. */
  fullAccessNeedsSecondApproval: boolean;
  /** Operators and team administrators ask the member first; the view waits for their yes. */
  askMemberFirst: boolean;
  /** An operator may mark a view urgent: it starts without the member's yes, and they are told. */
  urgentViewAllowed: boolean;
}

/** The person to be viewed, with their teams at their own location and that location's policy. */
export interface TargetFacts {
  id: number;
  locationId: number;
  active: boolean;
  userId: number | null;
  fullName: string;
  /** The member can sign in to the portal (where they answer a request for their consent). */
  hasLogin: boolean;
  /** The member has an e-mail address (where a request for their consent reaches them). */
  hasEmail: boolean;
  isStaff: boolean;
  allowTeamAdminImpersonation: boolean;
  teams: ReadonlyArray<{ teamId: number; isAdministrator: boolean }>;
  policy: LocationPolicy;
}

export interface ViewingSnapshot {
  kind: ImpersonationKind;
  viewer: ViewerFacts;
  /** Null when no coworker has the requested id. */
  target: TargetFacts | null;
  requestedId: number;
  /** The viewer's latest request to view this target, one per kind and mode, whatever its state. */
  requests?: readonly AccessApproval[];
}

export type AccessRequestStatus = 'PENDING' | 'APPROVED' | 'DENIED' | 'EXPIRED' | 'USED';

/**
 * A request to view someone that waits for a second operator's yes, the member's, or both
 * (access-requests/); it is APPROVED once every yes it needs is in.
 */
export interface AccessRequestFacts {
  id: string;
  kind: ImpersonationKind;
  mode: ImpersonationMode;
  requesterUserId: number;
  targetCoworkerId: number;
  locationId: number;
  status: AccessRequestStatus;
  expiresAt: Date;
  needsSecondApproval: boolean;
  needsMemberConsent: boolean;
  secondApproved: boolean;
  memberApproved: boolean;
}

/** A request with who said yes (or that the member said no). */
export interface AccessApproval extends AccessRequestFacts {
  approverUserId: number | null;
  approverName: string | null;
  memberDenied: boolean;
}

/** Server settings the rules depend on (from the environment, see config.ts). */
export interface RuleSettings {
  tokenSeconds: number;
  maxSessionMinutes: number;
  idleMinutes: number;
  reauthMinutes: number;
}

/** What a location allows until its ADMINs or OWNERs say otherwise. */
export const defaultLocationPolicy: LocationPolicy = {
  operatorImpersonationEnabled: true,
  teamAdminImpersonationEnabled: true,
  maxSessionMinutes: 60,
  fullModeAllowed: true,
  reasonRequired: false,
  fullAccessNeedsSecondApproval: false,
  askMemberFirst: false,
  urgentViewAllowed: false,
};

/** How long a request waits for its approval, and an approval for its grant. */
export const accessRequestMinutes = 60;

export const reasonMaxLength = 500;

/**
 * No view outlives a day: the configured cap (HOTDESK_IMPERSONATION_MAX_MINUTES) may not exceed
 * it, and a client asking for more (`validForInMinutes`) is read as asking for this.
 */
export const maxImpersonationSessionMinutes = 24 * 60;

/** The range a location's maximum session length may be set to. */
export function policySessionMinutesRange(settings: RuleSettings) {
  return { min: 5, max: settings.maxSessionMinutes };
}

/** A view lasts what its client asked for, never longer than the server's and the location's cap. */
export function sessionMinutesFor(
  policy: LocationPolicy,
  settings: RuleSettings,
  requested = Infinity,
): number {
  return Math.min(requested, settings.maxSessionMinutes, policy.maxSessionMinutes);
}

/** Every refusal the rules can give; rules.test.ts proves each one. */
export const refusalCodes = [
  'impersonated_session',
  'not_an_operator',
  'not_a_team_administrator',
  'not_found',
  'self',
  'staff',
  'inactive',
  'peer_administrator',
  'kind_disabled',
  'member_opted_out',
  'full_mode_disabled',
  'reason_required',
  'reason_too_long',
  'reauthentication_required',
  'actor_inactive',
  'actor_session_ended',
  'not_team_member',
  'own_administrator_flag',
  'other_administrator_flag',
  'not_a_location_manager',
  'read_only_view',
  'secret_for_member_only',
  'other_browser',
  'second_approval_required',
  'second_approval_not_needed',
  'own_request',
  'request_closed',
  'member_consent_required',
  'member_declined',
  'member_cannot_be_asked',
  'urgent_not_allowed',
  'sign_in_to_approve',
] as const;

export type RefusalCode = (typeof refusalCodes)[number];

export interface Refusal {
  status: 400 | 401 | 403 | 404;
  code: RefusalCode;
  /** A sentence for people: shown by both apps and returned by the API as is. */
  message: string;
  /** The input at fault, for 400s. */
  field?: string;
}

const refuse = (
  status: Refusal['status'],
  code: RefusalCode,
  message: string,
  field?: string,
): Refusal => (field ? { status, code, message, field } : { status, code, message });

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

const impersonatingRoles: ReadonlySet<Role> = new Set(['OWNER', 'ADMIN', 'OPERATOR']);
const managingRoles: ReadonlySet<Role> = new Set(['OWNER', 'ADMIN']);

function covers(roles: readonly RoleGrant[], kinds: ReadonlySet<Role>, locationId: number) {
  return roles.some(
    (grant) =>
      kinds.has(grant.role) && (grant.locationId === null || grant.locationId === locationId),
  );
}

/** Operators who may view as the customers of this location (VIEWERs only look). */
export function mayImpersonateAt(roles: readonly RoleGrant[], locationId: number): boolean {
  return covers(roles, impersonatingRoles, locationId);
}

/** Whether the roles let their holder impersonate anywhere at all. */
export function impersonatesAnywhere(roles: readonly RoleGrant[]): boolean {
  return roles.some((grant) => impersonatingRoles.has(grant.role));
}

/** OWNERs and ADMINs manage a location: its policy, and its team administrators. */
export function mayManageLocation(roles: readonly RoleGrant[], locationId: number): boolean {
  return covers(roles, managingRoles, locationId);
}

/** Why these roles may not `action` at this location (e.g. "change its policy"), or null. */
export function locationManagerRefusal(
  roles: readonly RoleGrant[],
  locationId: number,
  action: string,
): Refusal | null {
  return mayManageLocation(roles, locationId)
    ? null
    : refuse(
        403,
        'not_a_location_manager',
        `Only ADMINs and OWNERs of this location can ${action}.`,
      );
}

/** Who may be viewed at all, whatever the mode: the refusal, or null. */
function viewingRefusal(snapshot: ViewingSnapshot): Refusal | null {
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

/** A grant as stored: what the exchange and every later request hold the view to. */
export interface GrantedView {
  kind: ImpersonationKind;
  mode: ImpersonationMode;
  targetCoworkerId: number;
  locationId: number;
}

/**
 * Whether the view still holds: the actor is active, their own session alive, they still have
 * the right to this target in this mode. Asked at the exchange and on every request after it.
 * A reason rule switched on later does not count: views that started without one go on. Nor
 * do the approval switches (second approval, ask the member first): they gate a view's start,
 * and a view already running ends by revocation, not by a switch.
 */
export function standingRefusal(snapshot: ViewingSnapshot, view: GrantedView): Refusal | null {
  const { viewer, target } = snapshot;
  if (!viewer.sessionAlive) {
    return refuse(401, 'actor_session_ended', "The impersonator's own session has ended.");
  }
  if (!viewer.active) {
    return refuse(401, 'actor_inactive', 'The impersonator is no longer active.');
  }
  if (!target || target.id !== view.targetCoworkerId || target.locationId !== view.locationId) {
    return refuse(404, 'not_found', 'The member is no longer at this location.');
  }
  const refusal = viewingRefusal({ ...snapshot, kind: view.kind });
  if (refusal) return refusal;
  if (view.mode === 'FULL' && !target.policy.fullModeAllowed) {
    return refuse(403, 'full_mode_disabled', 'Full access is not allowed at this location.');
  }
  return null;
}

/** A read-only view may look but not touch: every change but ending the view is refused. */
export function viewChangeRefusal(view: { mode: ImpersonationMode } | null): Refusal | null {
  return view?.mode === 'READ_ONLY'
    ? refuse(403, 'read_only_view', 'This is a read-only impersonation: changes are not allowed.')
    : null;
}

/** What a member keeps masked until they, or someone with the right, ask to see it. */
export type MemberSecret = 'DOOR_PIN' | 'PAYMENT_METHOD';

/**
 * Whether a secret shows without a click: the card (brand, last four, expiry: all that is
 * stored of it) to the member themself; the door PIN, which opens the door, never.
 */
export function secretShownUnasked(
  secret: MemberSecret,
  view: { kind: ImpersonationKind } | null,
): boolean {
  return secret === 'PAYMENT_METHOD' && view === null;
}

/**
 * Who may reveal a member's door PIN or card: the member, and staff viewing as them with full
 * access. A read-only view only looks; a team administrator is a fellow member, and the PIN
 * would let them through the door as someone else.
 */
export function secretRevealRefusal(
  view: { kind: ImpersonationKind; mode: ImpersonationMode } | null,
): Refusal | null {
  if (!view) return null;
  if (view.mode === 'READ_ONLY') {
    return refuse(
      403,
      'read_only_view',
      'This is a read-only view: the door PIN and payment details stay masked.',
    );
  }
  if (view.kind === 'TEAM_ADMIN') {
    return refuse(
      403,
      'secret_for_member_only',
      'Only the member, or staff viewing with full access, can reveal the door PIN and payment details.',
    );
  }
  return null;
}

/**
 * A team administrator's link opens only in a browser that holds her own session, so nobody can
 * plant her view of a member in someone else's portal. `redeemerSessionId` is undefined for the
 * REST exchange, which the contract keeps bearerless (and operators' links open in a new tab
 * of the portal, which holds no session of theirs).
 */
export function redeemerRefusal(
  grant: { kind: ImpersonationKind; actorSessionId: string | null },
  redeemerSessionId: string | null | undefined,
): Refusal | null {
  if (redeemerSessionId === undefined || grant.kind !== 'TEAM_ADMIN') return null;
  if (redeemerSessionId !== null && redeemerSessionId === grant.actorSessionId) return null;
  return refuse(
    403,
    'other_browser',
    'A team administrator’s link opens only in the browser where they are signed in and created it.',
  );
}

export type ViewEnd =
  | { ends: false; expiresAt: Date }
  | { ends: true; reason: 'EXPIRED' | 'ACTOR_SESSION_ENDED' | 'RIGHT_WITHDRAWN'; why: string };

/**
 * Whether a running view goes on, and until when: the time limits (absolute, idle, and the
 * location's maximum, which a lowered policy shortens at once), then the standing right.
 */
export function viewContinuation(
  snapshot: ViewingSnapshot,
  view: GrantedView & { startedAt: Date; expiresAt: Date; lastSeenAt: Date },
  settings: RuleSettings,
  now: Date,
): ViewEnd {
  const policyEnd = snapshot.target
    ? view.startedAt.getTime() + snapshot.target.policy.maxSessionMinutes * 60_000
    : Infinity;
  const expiresAt = new Date(Math.min(view.expiresAt.getTime(), policyEnd));
  if (expiresAt <= now) return { ends: true, reason: 'EXPIRED', why: 'time limit reached' };
  if (now.getTime() - view.lastSeenAt.getTime() > settings.idleMinutes * 60_000) {
    return { ends: true, reason: 'EXPIRED', why: 'left idle' };
  }
  const refusal = standingRefusal(snapshot, view);
  if (!refusal) return { ends: false, expiresAt };
  const reason = refusal.code === 'actor_session_ended' ? 'ACTOR_SESSION_ENDED' : 'RIGHT_WITHDRAWN';
  return { ends: true, reason, why: refusal.message };
}

/**
 * Who may end a view from outside it: whoever started it, the member viewed, and any operator
 * who may impersonate at its location. Never an impersonated session. Anyone else is told the
 * view does not exist, so grant ids cannot be probed.
 */
export function mayRevoke(
  viewer: Pick<ViewerFacts, 'userId' | 'roles' | 'impersonating'>,
  view: { actorUserId: number; targetUserId: number | null; locationId: number },
): boolean {
  if (viewer.impersonating || viewer.userId === null) return false;
  return (
    view.actorUserId === viewer.userId ||
    view.targetUserId === viewer.userId ||
    mayImpersonateAt(viewer.roles, view.locationId)
  );
}

/** The most a member may write when they report a view they did not expect. */
export const reportWordsMaxLength = 2000;

/**
 * Who says "I did not expect this" about a view: the member signed in as themself, or (the
 * e-mail's link) the member a verified link names. Never an impersonated session: the person
 * behind a view cannot file, nor silence, the member's report.
 */
export type Reporter = { userId: number | null; coworkerId: number | null; impersonating: boolean };

/**
 * Whether the reporter is the member whose account was viewed (any of their profiles, when
 * signed in). Anyone else is told the view does not exist, as for revoke.
 */
export function mayReportView(
  reporter: Reporter,
  view: { targetCoworkerId: number; targetUserId: number | null },
): boolean {
  if (reporter.impersonating) return false;
  if (reporter.userId !== null && reporter.userId === view.targetUserId) return true;
  return reporter.coworkerId !== null && reporter.coworkerId === view.targetCoworkerId;
}

/** The members' reports of a location go to those who manage it: its ADMINs and OWNERs. */
export function mayReviewReportsAt(roles: readonly RoleGrant[], locationId: number): boolean {
  return mayManageLocation(roles, locationId);
}

/** Where the roles let their holder review reports: every location, or these. */
export function reportReviewLocations(roles: readonly RoleGrant[]): 'all' | number[] {
  if (roles.some((grant) => grant.locationId === null && managingRoles.has(grant.role))) {
    return 'all';
  }
  const ids = roles.flatMap((grant) => (grant.locationId === null ? [] : [grant.locationId]));
  return [...new Set(ids)].filter((id) => mayReviewReportsAt(roles, id));
}

/** The caller of a team page or team write, and, when it is a view, the person behind it. */
export interface TeamCaller {
  coworkerId: number | null;
  view: {
    kind: ImpersonationKind;
    actorRoles: readonly RoleGrant[];
    actorAdministeredTeamIds: readonly number[];
  } | null;
}

export interface TeamFacts {
  id: number;
  locationId: number;
  administratorIds: readonly number[];
  memberIds: readonly number[];
}

/**
 * Whether the caller sees a team's administration page (roster, flags, access cards). Inside a
 * view only where the real person behind it administers that team too (a team administrator of
 * it, or an ADMIN/OWNER of its location): a view never lends its viewer the member's teams.
 */
export function mayAdministerTeam(
  caller: TeamCaller,
  team: Pick<TeamFacts, 'id' | 'locationId' | 'administratorIds'>,
): boolean {
  if (caller.coworkerId === null || !team.administratorIds.includes(caller.coworkerId)) {
    return false;
  }
  const view = caller.view;
  if (!view) return true;
  return view.kind === 'TEAM_ADMIN'
    ? view.actorAdministeredTeamIds.includes(team.id)
    : mayManageLocation(view.actorRoles, team.locationId);
}

export function teamPageRefusal(caller: TeamCaller, team: TeamFacts): Refusal | null {
  return mayAdministerTeam(caller, team)
    ? null
    : refuse(403, 'not_a_team_administrator', 'Only an administrator of this team can manage it.');
}

/**
 * Whether a team administrator may make this change to a member's permissions. An impersonated
 * session never changes who may view whom, so it writes no team permission of any kind; an
 * administrator keeps their own flag, and only an operator clears another administrator's.
 */
export function teamPermissionChangeRefusal(
  caller: TeamCaller,
  team: TeamFacts | null,
  change: { memberId: number; makesAdministrator: boolean },
): Refusal | null {
  if (caller.view) {
    return refuse(
      403,
      'impersonated_session',
      'Team permissions cannot be changed while viewing as someone else.',
    );
  }
  if (!team) return refuse(404, 'not_found', 'No such team.');
  if (caller.coworkerId === null || !team.administratorIds.includes(caller.coworkerId)) {
    return refuse(
      403,
      'not_a_team_administrator',
      'Only an administrator of this team can change permissions.',
    );
  }
  if (!team.memberIds.includes(change.memberId)) {
    return refuse(
      404,
      'not_team_member',
      `Coworker ${change.memberId} is not a member of this team.`,
    );
  }
  if (change.makesAdministrator || !team.administratorIds.includes(change.memberId)) return null;
  if (change.memberId === caller.coworkerId) {
    return refuse(
      400,
      'own_administrator_flag',
      'You cannot remove your own administrator flag.',
      'IsTeamAdministrator',
    );
  }
  return refuse(
    403,
    'other_administrator_flag',
    "Only the coworking space's staff can remove another administrator's flag.",
  );
}
