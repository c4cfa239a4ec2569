import { z } from 'zod';

import { t } from '../trpc/init';
import { operatorProcedure } from '../trpc/procedures';
import { pageInput, recordId } from '../contract/fields';
import { searchCoworkers } from './customer-search';
import { getCoworkerDetail, listTeamsInScope } from './coworker-service';
import { getCustomerSignInLock, unlockCustomerSignIn } from './sign-in-lock-service';

const listCursor = z.string().max(1_000);

/** Operators: customer search and detail, limited to their locations by the service. */
export const coworkerRouter = t.router({
  search: operatorProcedure
    .input(
      z
        .object({
          query: z.string().trim().max(200).optional(),
          locationId: recordId.optional(),
          status: z.enum(['active', 'inactive']).optional(),
          teamId: recordId.optional(),
          sort: z.enum(['name', 'email', 'created']).default('name'),
          direction: z.enum(['asc', 'desc']).default('asc'),
          after: listCursor.optional(),
          before: listCursor.optional(),
          pageSize: pageInput.pageSize,
        })
        .refine((input) => input.after === undefined || input.before === undefined, {
          message: 'give either after or before, not both',
          path: ['before'],
        }),
    )
    .query(({ ctx, input }) => searchCoworkers(ctx, ctx.actor, input)),
  detail: operatorProcedure
    .input(z.object({ coworkerId: recordId }))
    .query(({ ctx, input }) => getCoworkerDetail(ctx, ctx.actor, input.coworkerId)),
  /** Whether the customer's login is locked out of signing in, and whether the caller may unlock it. */
  signInLock: operatorProcedure
    .input(z.object({ coworkerId: recordId }))
    .query(({ ctx, input }) => getCustomerSignInLock(ctx, ctx.actor, input.coworkerId)),
  unlockSignIn: operatorProcedure
    .input(z.object({ coworkerId: recordId }))
    .mutation(({ ctx, input }) => unlockCustomerSignIn(ctx, ctx.actor, input.coworkerId)),
  teams: operatorProcedure
    .input(z.object({ locationId: recordId.optional() }).default({}))
    .query(({ ctx, input }) => listTeamsInScope(ctx, ctx.actor, input.locationId)),
});
