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

export type LocationScope = 'all' | number[];

/** Locations whose customers the actor may look at in the admin app (any staff role). */
export function viewableLocations(actor: Actor): LocationScope {
  if (actor.operatorRoles.some((role) => role.locationId === null)) return 'all';
  return [...new Set(actor.operatorRoles.map((role) => role.locationId as number))];
}

export function scopeCovers(scope: LocationScope, locationId: number): boolean {
  return scope === 'all' || scope.includes(locationId);
}
