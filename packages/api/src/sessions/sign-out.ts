import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { endImpersonation, endImpersonationsStartedBy } from '../impersonation/end-impersonation';
import { type Actor } from './actor';

/**
 * Ends the caller's session at once. Impersonations started from it end with it; signing out
 * of an impersonated session is an exit.
 */
export async function signOut(ctx: ServiceContext, actor: Actor): Promise<void> {
  await auditedTransaction(ctx.db, async (tx) => {
    if (actor.impersonation) {
      await endImpersonation(tx, ctx, actor.impersonation.id, 'EXITED', actor);
      return;
    }
    const now = ctx.now();
    await tx.session.updateMany({
      where: { id: actor.sessionId, revokedAt: null },
      data: { revokedAt: now, endedReason: 'SIGNED_OUT' },
    });
    await endImpersonationsStartedBy(tx, ctx, actor.sessionId);
    await recordAuditEvent(tx, { type: 'SIGN_OUT', actor, request: ctx.request, at: now });
  });
}
