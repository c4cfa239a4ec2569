import { z } from 'zod';

import { t } from '../trpc/init';
import { operatorProcedure } from '../trpc/procedures';
import { recordId } from '../contract/fields';
import { listLocationPolicies, updateLocationPolicy } from './location-policy-service';

/** Operators: see, and as ADMIN/OWNER change, what impersonation their locations allow. */
export const policyRouter = t.router({
  list: operatorProcedure.query(({ ctx }) => listLocationPolicies(ctx, ctx.actor)),
  update: operatorProcedure
    .input(
      z.object({
        locationId: recordId,
        policy: z.object({
          operatorImpersonationEnabled: z.boolean(),
          teamAdminImpersonationEnabled: z.boolean(),
          maxSessionMinutes: z.number().int(),
          fullModeAllowed: z.boolean(),
          reasonRequired: z.boolean(),
          // Optional: a client that does not know the switch leaves it as it is.
          fullAccessNeedsSecondApproval: z.boolean().optional(),
          askMemberFirst: z.boolean().optional(),
          urgentViewAllowed: z.boolean().optional(),
        }),
      }),
    )
    .mutation(({ ctx, input }) =>
      updateLocationPolicy(ctx, ctx.actor, input.locationId, input.policy),
    ),
});
