import { type ServiceContext } from '../context';
import { notFound } from '../errors';
import { impersonableLocations, scopeCovers, type Actor } from '../sessions/actor';
import { endImpersonation } from './end-impersonation';
import { auditedTransaction } from '../audit/record-audit-event';

/**
 * Ends an impersonation from outside it. Allowed to: the person who started it, any operator
 * (not VIEWER) of its location, and the impersonated member. Anyone else gets 404, so
 * grant ids cannot be probed.
 */
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
    actor.impersonation === null &&
    actor.userId !== null &&
    (impersonation.actorUserId === actor.userId ||
      impersonation.target.userId === actor.userId ||
      scopeCovers(impersonableLocations(actor), impersonation.locationId));
  if (!impersonation || !allowed) throw notFound('No such impersonation.');
  if (impersonation.endedAt) return { revoked: false };
  const revoked = await auditedTransaction(ctx.db, (tx) =>
    endImpersonation(tx, ctx, impersonation.id, 'REVOKED', actor),
  );
  return { revoked };
}
