import { type Prisma } from '@hotdesk/db';

import { auditedTransaction } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { endImpersonation } from './end-impersonation';

/**
 * Ends, with an audit event each, impersonations whose session or unused token has run out.
 * Sessions already refuse expired tokens on their own; this makes the record say so too.
 */
export async function sweepExpiredImpersonations(
  ctx: ServiceContext,
  where: Prisma.ImpersonationWhereInput = {},
): Promise<number> {
  const now = ctx.now();
  const expired = await ctx.db.impersonation.findMany({
    where: {
      ...where,
      endedAt: null,
      OR: [{ sessionExpiresAt: { lte: now } }, { exchangedAt: null, tokenExpiresAt: { lte: now } }],
    },
    select: { id: true },
    take: 500,
  });
  let ended = 0;
  for (const { id } of expired) {
    if (await auditedTransaction(ctx.db, (tx) => endImpersonation(tx, ctx, id, 'EXPIRED', null)))
      ended += 1;
  }
  return ended;
}
