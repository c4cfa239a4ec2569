import { localDayOf } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { notFound } from '../errors';
import { secretRevealRefusal, secretShownUnasked } from '../impersonation/rules';
import { type Actor } from '../sessions/actor';
import { liveMembership, latestMembershipSelect } from './live-membership';
import { type MembershipOverview } from './membership-contract';

const recentVisits = 10;

/** What the rules say this session may reveal, in the words the portal shows. */
function revealTermsOf(actor: Actor): MembershipOverview['doorPin']['reveal'] {
  const refusal = secretRevealRefusal(actor.impersonation);
  return refusal ? { allowed: false, reason: refusal.message } : { allowed: true };
}

/**
 * The current profile's plan, contract, card, door PIN and recent visits, in one statement. The
 * door PIN's digits are never read here; the card's only when the rules show it unasked.
 */
export async function getMembership(
  ctx: ServiceContext,
  actor: Actor,
): Promise<MembershipOverview> {
  const profile =
    actor.coworkerId === null
      ? null
      : await ctx.db.coworker.findUnique({
          relationLoadStrategy: 'join',
          where: { id: actor.coworkerId },
          select: {
            fullName: true,
            location: { select: { name: true, timeZone: true, currency: true } },
            memberships: latestMembershipSelect,
            paymentMethod: {
              select: { brand: true, last4: true, expiryMonth: true, expiryYear: true },
            },
            doorAccess: { select: { coworkerId: true } },
            visits: {
              orderBy: [{ checkedInAt: 'desc' }, { id: 'desc' }],
              take: recentVisits,
              select: { id: true, checkedInAt: true, checkedOutAt: true },
            },
          },
        });
  if (!profile) throw notFound('This session has no current profile.');
  const { timeZone } = profile.location;
  const reveal = revealTermsOf(actor);
  const card = profile.paymentMethod;
  return {
    member: { fullName: profile.fullName },
    location: profile.location,
    membership: liveMembership(profile.memberships[0], localDayOf(ctx.now(), timeZone)),
    paymentMethod: {
      onFile: card !== null,
      card: card && secretShownUnasked('PAYMENT_METHOD', actor.impersonation) ? card : null,
      reveal,
    },
    doorPin: { onFile: profile.doorAccess !== null, reveal },
    visits: profile.visits.map((visit) => ({
      id: visit.id.toString(),
      day: localDayOf(visit.checkedInAt, timeZone),
      checkedInAt: visit.checkedInAt,
      checkedOutAt: visit.checkedOutAt,
    })),
  };
}
