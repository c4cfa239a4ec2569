import { auditedTransaction } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { notFound } from '../errors';
import { type Actor } from '../sessions/actor';
import { endImpersonation } from './end-impersonation';
import { viewerOf } from './impersonation-snapshot';
import { mayRevoke } from './rules';

/** Ends an impersonation from outside it, for those the rules allow; anyone else gets 404. */
export async function revokeImpersonation(
  ctx: ServiceContext,
  actor: Actor,
  impersonationId: string,
): Promise<{ revoked: boolean }> {
  const impersonation = await ctx.db.impersonation.findUnique({
    where: { id: impersonationId },
    select: {
      id: true,
      actorUserId: true,
      locationId: true,
      endedAt: true,
      target: { select: { userId: true } },
    },
  });
  const allowed =
    impersonation !== null &&
    mayRevoke(viewerOf(actor, []), { ...impersonation, targetUserId: impersonation.target.userId });
  if (!impersonation || !allowed) throw notFound('No such impersonation.');
  if (impersonation.endedAt) return { revoked: false };
  const revoked = await auditedTransaction(ctx.db, (tx) =>
    endImpersonation(tx, ctx, impersonation.id, 'REVOKED', actor),
  );
  return { revoked };
}
