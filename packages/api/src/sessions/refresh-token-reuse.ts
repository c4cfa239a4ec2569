import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { endImpersonation, endImpersonationsStartedBy } from '../impersonation/end-impersonation';

export interface ReusedSession {
  id: string;
  userId: number | null;
  coworkerId: number | null;
  clientId: string | null;
  rotatedAt: Date;
  impersonation: {
    id: string;
    actorUserId: number;
    targetCoworkerId: number;
    locationId: number;
  } | null;
}

/**
 * Ends a session whose rotated refresh token came back: the session itself (every token it
 * ever had), the view it is if it is an impersonated one, and every view started from it; on
 * the record once, however many replays race here.
 */
export async function endSessionForReuse(
  ctx: ServiceContext,
  session: ReusedSession,
): Promise<void> {
  const now = ctx.now();
  await auditedTransaction(ctx.db, async (tx) => {
    const ended = await tx.session.updateMany({
      where: { id: session.id, revokedAt: null },
      data: { revokedAt: now, endedReason: 'REFRESH_REUSED' },
    });
    if (ended.count === 0) return;
    if (session.impersonation) {
      await endImpersonation(tx, ctx, session.impersonation.id, 'REVOKED', null);
    }
    await endImpersonationsStartedBy(tx, ctx, session.id);
    const impersonation = session.impersonation;
    await recordAuditEvent(tx, {
      type: 'REFRESH_TOKEN_REUSED',
      // Whoever presented the token is unknown: the event names the session's holder.
      actorUserId: impersonation ? impersonation.actorUserId : session.userId,
      actorCoworkerId: impersonation ? null : session.coworkerId,
      targetCoworkerId: impersonation?.targetCoworkerId ?? null,
      locationId: impersonation?.locationId ?? null,
      impersonationId: impersonation?.id ?? null,
      data: {
        sessionId: session.id,
        clientId: session.clientId,
        tokenRotatedAt: session.rotatedAt.toISOString(),
      },
      request: ctx.request,
      at: now,
    });
  });
}
