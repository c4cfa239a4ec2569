import { z } from 'zod';

import { t } from '../trpc/init';
import { ownSessionProcedure, sessionProcedure } from '../trpc/procedures';
import { switchProfileInput } from './profile-contract';
import {
  listProfiles,
  setTeamAdminImpersonationPreference,
  switchCurrentProfile,
  updateProfileDetails,
} from './profile-service';

export const profileRouter = t.router({
  list: sessionProcedure
    .meta({ look: { summary: 'viewed your profile' } })
    .query(({ ctx }) => listProfiles(ctx, ctx.actor)),
  switch: sessionProcedure
    .input(switchProfileInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await switchCurrentProfile(ctx, ctx.actor, input.coworkerId);
      return { ok: true as const };
    }),
  updateDetails: sessionProcedure
    .input(
      z.object({
        fullName: z.string().trim().min(1, 'Enter a name').max(120),
        companyName: z
          .string()
          .trim()
          .max(120)
          .transform((value) => value || null),
      }),
    )
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await updateProfileDetails(ctx, ctx.actor, input);
      return { ok: true as const };
    }),
  /** Only the member, never someone viewing as them, decides who may view their account. */
  setTeamAdminImpersonation: ownSessionProcedure
    .input(z.object({ allow: z.boolean() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await setTeamAdminImpersonationPreference(ctx, ctx.actor, input.allow);
      return { ok: true as const };
    }),
});
