import { clearSignInFailures, describeSignInLock } from '../abuse/sign-in-locks';
import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { badRequest, notFound, refusalError } from '../errors';
import { locationManagerRefusal } from '../impersonation/rules';
import { scopeCovers, viewableLocations, type Actor } from '../sessions/actor';

/** The customer and their login, when the actor's roles cover the customer's location. */
async function customerLogin(ctx: ServiceContext, actor: Actor, coworkerId: number) {
  const coworker = await ctx.db.coworker.findUnique({
    where: { id: coworkerId },
    select: { id: true, locationId: true, user: { select: { id: true, email: true } } },
  });
  // Outside the operator's locations a customer does not exist for them, as everywhere else.
  if (!coworker || !scopeCovers(viewableLocations(actor), coworker.locationId)) {
    throw notFound(`No customer with id ${coworkerId} in your locations.`);
  }
  return coworker;
}

const unlockRefusal = (actor: Actor, locationId: number) =>
  locationManagerRefusal(actor.operatorRoles, locationId, 'unlock its members’ sign-in');

/** Whether a customer's login may sign in now, and whether this operator may unlock it. */
export async function getCustomerSignInLock(ctx: ServiceContext, actor: Actor, coworkerId: number) {
  const coworker = await customerLogin(ctx, actor, coworkerId);
  const lock = coworker.user ? await describeSignInLock(ctx, coworker.user.email) : null;
  return {
    hasLogin: coworker.user !== null,
    lockedUntil: lock?.lockedUntil ?? null,
    lockedAddresses: lock?.lockedAddresses ?? 0,
    accountWide: lock?.accountWide ?? false,
    canUnlock: unlockRefusal(actor, coworker.locationId) === null,
  };
}

/**
 * Lifts every sign-in lockout of a customer's login (failures from every address forgotten),
 * for an owner locked out by someone else's guessing. ADMINs and OWNERs of the customer's
 * location only; audited.
 */
export async function unlockCustomerSignIn(
  ctx: ServiceContext,
  actor: Actor,
  coworkerId: number,
): Promise<{ cleared: number }> {
  const coworker = await customerLogin(ctx, actor, coworkerId);
  const refusal = unlockRefusal(actor, coworker.locationId);
  if (refusal) throw refusalError(refusal);
  const user = coworker.user;
  if (!user) throw badRequest('coworkerId', 'This customer has no login to unlock.');
  return auditedTransaction(ctx.db, async (tx) => {
    const cleared = await clearSignInFailures(tx, user.email);
    await recordAuditEvent(tx, {
      type: 'SIGN_IN_UNLOCKED',
      actor,
      targetCoworkerId: coworker.id,
      locationId: coworker.locationId,
      data: { userId: user.id, countersCleared: cleared },
      request: ctx.request,
      at: ctx.now(),
    });
    return { cleared };
  });
}
