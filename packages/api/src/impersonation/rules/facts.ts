import { type ImpersonationKind, type ImpersonationMode, type OperatorRoleKind } from '@hotdesk/db';

export type Role = OperatorRoleKind;
export type RoleGrant = { locationId: number | null; role: Role };

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
