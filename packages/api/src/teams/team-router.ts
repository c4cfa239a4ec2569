import { z } from 'zod';

import { t } from '../trpc/init';
import { operatorProcedure, sessionProcedure } from '../trpc/procedures';
import { recordId } from '../contract/fields';
import { subjectFrom } from '../looks/look-of-read';
import { myTeamsInput, updatePermissionsInput } from './team-contract';
import { setTeamAdministratorAsOperator, updateMemberPermissions } from './team-permissions';
import { getAdministeredTeam, listMyTeams } from './team-service';

/** Members: their teams, and for administrators the team's page; the rules decide who sees what. */
export const teamRouter = t.router({
  mine: sessionProcedure
    .meta({ look: { summary: 'viewed your teams' } })
    .input(myTeamsInput)
    .query(({ ctx, input }) => listMyTeams(ctx, ctx.actor, input)),
  administered: sessionProcedure
    .meta({ look: { summary: 'opened your team', subject: subjectFrom('name') } })
    .input(z.object({ teamId: recordId }))
    .query(({ ctx, input }) => getAdministeredTeam(ctx, ctx.actor, input.teamId)),
  updatePermissions: sessionProcedure
    .input(updatePermissionsInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await updateMemberPermissions(ctx, ctx.actor, input);
      return { ok: true as const };
    }),
});

/** Operators: team administrators of their locations, which team administrators cannot clear. */
export const adminTeamRouter = t.router({
  setAdministrator: operatorProcedure
    .input(z.object({ teamId: recordId, coworkerId: recordId, isAdministrator: z.boolean() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await setTeamAdministratorAsOperator(ctx, ctx.actor, input);
      return { ok: true as const };
    }),
});
