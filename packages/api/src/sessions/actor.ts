import {
  type ImpersonationKind,
  type ImpersonationMode,
  type OperatorRoleKind,
  type SessionAudience,
} from '@hotdesk/db';

export interface ActiveImpersonation {
  id: string;
  kind: ImpersonationKind;
  mode: ImpersonationMode;
  reason: string | null;
  actorUserId: number;
  actorCoworkerId: number | null;
  actorSessionId: string | null;
  actorName: string;
  targetCoworkerId: number;
  locationId: number;
}

/** The caller of a request, resolved from its session. */
export interface Actor {
  sessionId: string;
  audience: SessionAudience;
  userId: number | null;
  /** The session's current profile. */
  coworkerId: number | null;
  /** Staff roles; always empty inside an impersonated session. */
  operatorRoles: ReadonlyArray<{ locationId: number | null; role: OperatorRoleKind }>;
  impersonation: ActiveImpersonation | null;
  accessExpiresAt: Date;
  expiresAt: Date;
  /** Last password (or TOTP) proof in this session: sign-in or an explicit re-authentication. */
  reauthenticatedAt: Date | null;
}

const impersonatingRoles: ReadonlySet<OperatorRoleKind> = new Set(['OWNER', 'ADMIN', 'OPERATOR']);
const administeringRoles: ReadonlySet<OperatorRoleKind> = new Set(['OWNER', 'ADMIN']);

/**
 * ADMINs and OWNERs of a location (or of every location) administer it: they set its
 * impersonation policy and unlock its members' sign-in.
 */
export function administersLocation(actor: Actor, locationId: number): boolean {
  return actor.operatorRoles.some(
    (role) =>
      administeringRoles.has(role.role) &&
      (role.locationId === null || role.locationId === locationId),
  );
}

export type LocationScope = 'all' | number[];

/** Locations whose coworkers the actor may view (any staff role, VIEWER included). */
export function viewableLocations(actor: Actor): LocationScope {
  return scopeOf(actor.operatorRoles);
}

/** Locations whose coworkers the actor may impersonate (VIEWER excluded). */
export function impersonableLocations(actor: Actor): LocationScope {
  return impersonableScope(actor.operatorRoles);
}

export function impersonableScope(roles: Actor['operatorRoles']): LocationScope {
  return scopeOf(roles.filter((role) => impersonatingRoles.has(role.role)));
}

function scopeOf(roles: Actor['operatorRoles']): LocationScope {
  if (roles.some((role) => role.locationId === null)) return 'all';
  return [...new Set(roles.map((role) => role.locationId as number))];
}

export function scopeCovers(scope: LocationScope, locationId: number): boolean {
  return scope === 'all' || scope.includes(locationId);
}

export function isEmptyScope(scope: LocationScope): boolean {
  return scope !== 'all' && scope.length === 0;
}
