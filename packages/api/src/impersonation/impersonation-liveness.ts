import { type ImpersonationEndReason } from '@hotdesk/db';

import { auditedTransaction } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { endImpersonation } from './end-impersonation';

export interface ImpersonatedSessionState {
  expiresAt: Date;
  lastSeenAt: Date;
  coworker: { active: boolean } | null;
  impersonation: {
    id: string;
    endedAt: Date | null;
    actorSession: { revokedAt: Date | null; expiresAt: Date } | null;
  };
}

/**
 * Why an impersonated session must end now, or null while it may go on: expiry, idleness,
 * the impersonator's own session ending, or the member being suspended.
 */
export function impersonationEndReason(
  session: ImpersonatedSessionState,
  now: Date,
  idleMinutes: number,
): ImpersonationEndReason | null {
  const actorSession = session.impersonation.actorSession;
  const idle = now.getTime() - session.lastSeenAt.getTime() > idleMinutes * 60_000;
  if (session.expiresAt <= now || idle) return 'EXPIRED';
  if (!actorSession || actorSession.revokedAt || actorSession.expiresAt <= now) {
    return 'ACTOR_SESSION_ENDED';
  }
  // A member suspended after the exchange can no longer be viewed as either.
  if (session.coworker?.active !== true) return 'REVOKED';
  return null;
}

/**
 * Ends the impersonation (with its audit event) if it must end; true when the session is
 * still alive. Used by every way in: access tokens and refresh tokens alike.
 */
export async function keepImpersonationAlive(
  ctx: ServiceContext,
  session: ImpersonatedSessionState,
): Promise<boolean> {
  if (session.impersonation.endedAt) return false;
  const reason = impersonationEndReason(session, ctx.now(), ctx.config.impersonationIdleMinutes);
  if (!reason) return true;
  const id = session.impersonation.id;
  await auditedTransaction(ctx.db, (tx) => endImpersonation(tx, ctx, id, reason, null));
  return false;
}
