import { type ImpersonationEndReason, type SessionEndReason } from '@hotdesk/db';

import { type AuditEventType } from '../audit/audit-event-types';
import { recordAuditEvent, type AuditEventInput } from '../audit/record-audit-event';
import { type Db, type ServiceContext } from '../context';
import { type Actor } from '../sessions/actor';

const outcomes: Record<
  ImpersonationEndReason,
  { audit: AuditEventType; session: SessionEndReason }
> = {
  EXITED: { audit: 'IMPERSONATION_EXITED', session: 'EXITED' },
  REVOKED: { audit: 'IMPERSONATION_REVOKED', session: 'REVOKED' },
  EXPIRED: { audit: 'IMPERSONATION_EXPIRED', session: 'EXPIRED' },
  ACTOR_SESSION_ENDED: {
    audit: 'IMPERSONATION_ACTOR_SESSION_ENDED',
    session: 'ACTOR_SESSION_ENDED',
  },
  RIGHT_WITHDRAWN: { audit: 'IMPERSONATION_WITHDRAWN', session: 'RIGHT_WITHDRAWN' },
  // The member ended it from outside, as a revoke; the report itself is its own event.
  MEMBER_REPORTED: { audit: 'IMPERSONATION_REVOKED', session: 'REVOKED' },
};

/**
 * Who ended a view from outside it: a signed-in person, or a member known only by the verified
 * link of an e-mail (no session of theirs in the request). Null: the view's own end.
 */
export type ViewEnder = Actor | { memberCoworkerId: number };

/** The audit events that end an impersonation, one per way it can end. */
export const impersonationEndingEvents: ReadonlySet<AuditEventType> = new Set(
  Object.values(outcomes).map((outcome) => outcome.audit),
);

/**
 * Ends one impersonation and its session at once, with its audit event (and, when the rules
 * ended it, their sentence saying why). Idempotent and safe under concurrency: only the caller
 * that flips `endedAt` writes the event.
 */
export async function endImpersonation(
  tx: Db,
  ctx: Pick<ServiceContext, 'now' | 'request'>,
  impersonationId: string,
  reason: ImpersonationEndReason,
  endedBy: ViewEnder | null,
  why?: string,
): Promise<boolean> {
  const now = ctx.now();
  const ended = await tx.impersonation.updateManyAndReturn({
    where: { id: impersonationId, endedAt: null },
    data: { endedAt: now, endedReason: reason },
    select: {
      id: true,
      sessionId: true,
      actorUserId: true,
      actorCoworkerId: true,
      targetCoworkerId: true,
      locationId: true,
      exchangedAt: true,
    },
  });
  const impersonation = ended[0];
  if (!impersonation) return false;
  if (impersonation.sessionId) {
    await tx.session.updateMany({
      where: { id: impersonation.sessionId, revokedAt: null },
      data: { revokedAt: now, endedReason: outcomes[reason].session },
    });
  }
  await recordAuditEvent(tx, endedEvent(ctx, impersonation, reason, endedBy, why));
  return true;
}

/** The event that says a view ended, by whom (a revoker, or the impersonator's own) and why. */
export function endedEvent(
  ctx: Pick<ServiceContext, 'now' | 'request'>,
  impersonation: {
    id: string;
    actorUserId: number;
    actorCoworkerId: number | null;
    targetCoworkerId: number;
    locationId: number;
    exchangedAt: Date | null;
  },
  reason: ImpersonationEndReason,
  endedBy: ViewEnder | null,
  why?: string,
): AuditEventInput {
  const byLink = endedBy !== null && 'memberCoworkerId' in endedBy ? endedBy : null;
  const bySession = endedBy !== null && !('memberCoworkerId' in endedBy) ? endedBy : null;
  const byOwner =
    byLink === null && (bySession === null || bySession.impersonation?.id === impersonation.id);
  return {
    type: outcomes[reason].audit,
    // Expiry and exit are the impersonator's own events; a revoke is recorded against whoever revoked.
    actor: byOwner ? null : bySession,
    // The revoker's own identity only: never half the impersonator's (their coworker) with it.
    actorUserId: byOwner ? impersonation.actorUserId : null,
    actorCoworkerId: byOwner ? impersonation.actorCoworkerId : (byLink?.memberCoworkerId ?? null),
    targetCoworkerId: impersonation.targetCoworkerId,
    locationId: impersonation.locationId,
    impersonationId: impersonation.id,
    data: { exchanged: impersonation.exchangedAt !== null, ...(why ? { why } : {}) },
    request: ctx.request,
    at: ctx.now(),
  };
}

/** Ends every impersonation started from `actorSessionId` (sign-out, revoke of the actor). */
export async function endImpersonationsStartedBy(
  tx: Db,
  ctx: Pick<ServiceContext, 'now' | 'request'>,
  actorSessionId: string,
): Promise<void> {
  const open = await tx.impersonation.findMany({
    where: { actorSessionId, endedAt: null },
    select: { id: true },
  });
  for (const { id } of open) {
    await endImpersonation(tx, ctx, id, 'ACTOR_SESSION_ENDED', null);
  }
}
