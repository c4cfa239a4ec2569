import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { notFound, refusalError } from '../errors';
import { secretRevealRefusal, type MemberSecret } from '../impersonation/rules';
import { type Actor } from '../sessions/actor';
import { type RevealedSecret } from './membership-contract';

/**
 * The current profile's door PIN or card, unmasked, for whoever the rules allow. Every reveal is
 * an audit event naming the real person (through a view, the viewer): the PIN opens the door, so
 * who saw it and when is worth knowing even when it was the member, whose session may be a
 * stolen one. The value leaves only once its event is committed.
 */
export async function revealMemberSecret(
  ctx: ServiceContext,
  actor: Actor,
  secret: MemberSecret,
): Promise<RevealedSecret> {
  const coworkerId = actor.coworkerId;
  if (coworkerId === null) throw notFound('This session has no current profile.');
  const refusal = secretRevealRefusal(actor.impersonation);
  if (refusal) {
    await recordAuditEvent(ctx.db, {
      type: 'IMPERSONATION_MUTATION_DENIED',
      actor,
      targetCoworkerId: coworkerId,
      locationId: actor.impersonation?.locationId ?? null,
      data: { procedure: 'membership.reveal', secret, reason: refusal.code },
      request: ctx.request,
      at: ctx.now(),
    });
    throw refusalError(refusal);
  }
  return auditedTransaction(ctx.db, async (tx) => {
    const profile = await tx.coworker.findUnique({
      where: { id: coworkerId },
      select: {
        locationId: true,
        doorAccess: { select: { pin: true } },
        paymentMethod: {
          select: { brand: true, last4: true, expiryMonth: true, expiryYear: true },
        },
      },
    });
    const revealed: RevealedSecret | null =
      secret === 'DOOR_PIN'
        ? profile?.doorAccess
          ? { secret, pin: profile.doorAccess.pin }
          : null
        : profile?.paymentMethod
          ? { secret, card: profile.paymentMethod }
          : null;
    if (!profile || !revealed) {
      throw notFound(secret === 'DOOR_PIN' ? 'No door PIN is set.' : 'No card is on file.');
    }
    await recordAuditEvent(tx, {
      type: 'MEMBER_SECRET_REVEALED',
      actor,
      targetCoworkerId: coworkerId,
      locationId: profile.locationId,
      data: { secret },
      request: ctx.request,
      at: ctx.now(),
    });
    return revealed;
  });
}
