import { type Prisma } from '@hotdesk/db';

import { type Db, type ServiceContext } from '../context';
import { endImpersonation } from './end-impersonation';
import { grantActorSelect, snapshotOfGrant } from './impersonation-snapshot';
import { standingRefusal } from './rules';

/**
 * Holds the open grants and views matching `where` to the rules again, inside the transaction
 * that just changed a fact they stand on (a member's opt-out, a location's policy, a team
 * administrator flag), and ends at once those that no longer stand, saying why in the audit log.
 * Every request of a view checks the same rules, so this only makes the end immediate.
 */
export async function endViewsThatNoLongerStand(
  tx: Db,
  ctx: Pick<ServiceContext, 'now' | 'request'>,
  where: Prisma.ImpersonationWhereInput,
): Promise<number> {
  const now = ctx.now();
  const open = await tx.impersonation.findMany({
    where: { ...where, endedAt: null },
    select: { id: true, ...grantActorSelect },
  });
  let ended = 0;
  for (const view of open) {
    const refusal = standingRefusal(snapshotOfGrant(view, now), view);
    if (!refusal) continue;
    const reason =
      refusal.code === 'actor_session_ended' ? 'ACTOR_SESSION_ENDED' : 'RIGHT_WITHDRAWN';
    if (await endImpersonation(tx, ctx, view.id, reason, null, refusal.message)) ended++;
  }
  return ended;
}
