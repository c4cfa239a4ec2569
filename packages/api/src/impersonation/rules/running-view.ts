import { type ImpersonationKind, type ImpersonationMode } from '@hotdesk/db';

import { type RuleSettings, type ViewerFacts, type ViewingSnapshot } from './facts';
import { type Refusal, refuse } from './refusals';
import { mayImpersonateAt } from './roles';
import { viewingRefusal } from './viewability';

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
