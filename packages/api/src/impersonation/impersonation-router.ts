import { z } from 'zod';

import { t } from '../trpc/init';
import {
  operatorProcedure,
  ownSessionProcedure,
  publicProcedure,
  sessionProcedure,
} from '../trpc/procedures';
import { recordId } from '../contract/fields';
import { ownSessionOfBrowser } from '../sessions/browser-session';
import { serializeCookie, sessionCookieNames } from '../sessions/cookies';
import { impersonationTimeline } from '../looks/impersonation-timeline';
import { exchangeOneTimeToken } from './exchange-one-time-token';
import { exitImpersonation } from './exit-impersonation';
import { describeViewability } from './describe-viewability';
import { issueOperatorImpersonation, issueTeamAdminImpersonation } from './grant-impersonation';
import {
  appGrantInput,
  exchangeInput,
  grantResponse,
  previewInput,
} from './impersonation-contract';
import { previewOneTimeToken } from './preview-one-time-token';
import {
  listAccountActivity,
  listActiveImpersonations,
  listCustomerImpersonations,
} from './list-impersonations';
import { memberReport, reportInput, reportOutput } from './report-contract';
import { reportUnexpectedView } from './report-unexpected-view';
import { revokeImpersonation } from './revoke-impersonation';

const grantOutput = grantResponse.extend({
  impersonationId: z.uuid(),
  expiresAt: z.date(),
  portalUrl: z.url(),
});

const refusalOutput = z.object({
  status: z.number(),
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
const modeTermsOutput = z.union([
  z.object({
    allowed: z.literal(true),
    reasonRequired: z.boolean(),
    reauthenticationRequired: z.boolean(),
    secondApproval: z.enum(['not_needed', 'needed', 'approved']),
    approvedBy: z.string().nullable(),
    memberConsent: z.enum([
      'not_needed',
      'needed',
      'waiting',
      'approved',
      'declined',
      'cannot_be_asked',
    ]),
    consentUntil: z.date().nullable(),
    urgentAllowed: z.boolean(),
  }),
  z.object({ allowed: z.literal(false), refusal: refusalOutput }),
]);
/** The rules' answer to "can I view this person, and on what terms?" (rules/ `viewability`). */
export const viewabilityOutput = z.union([
  z.object({ allowed: z.literal(false), refusal: refusalOutput }),
  z.object({
    allowed: z.literal(true),
    modes: z.object({ READ_ONLY: modeTermsOutput, FULL: modeTermsOutput }),
    reasonMaxLength: z.number(),
    tokenSeconds: z.number(),
    sessionMinutes: z.number(),
    idleMinutes: z.number(),
  }),
]);

/** Operators: grant, watch and revoke impersonations in their locations. */
export const adminImpersonationRouter = t.router({
  viewability: operatorProcedure
    .input(z.object({ coworkerId: recordId }))
    .output(viewabilityOutput)
    .query(({ ctx, input }) => describeViewability(ctx, ctx.actor, 'OPERATOR', input.coworkerId)),
  start: operatorProcedure
    .input(appGrantInput)
    .output(grantOutput)
    .mutation(async ({ ctx, input }) => {
      const grant = await issueOperatorImpersonation(ctx, ctx.actor, input);
      return { ...grant, portalUrl: `${ctx.config.portalUrl}/impersonate` };
    }),
  active: operatorProcedure
    .input(z.object({ locationId: recordId.optional() }).default({}))
    .query(({ ctx, input }) => listActiveImpersonations(ctx, ctx.actor, input)),
  ofCustomer: operatorProcedure
    .input(z.object({ coworkerId: recordId }))
    .query(({ ctx, input }) => listCustomerImpersonations(ctx, ctx.actor, input.coworkerId)),
  /** Start, every read, every change or refusal, end: what one impersonation did. */
  timeline: operatorProcedure
    .input(z.object({ impersonationId: z.uuid() }))
    .query(({ ctx, input }) => impersonationTimeline(ctx, ctx.actor, input.impersonationId)),
  revoke: operatorProcedure
    .input(z.object({ impersonationId: z.uuid() }))
    .mutation(({ ctx, input }) => revokeImpersonation(ctx, ctx.actor, input.impersonationId)),
});

const activityOutput = z.array(
  z.object({
    id: z.string(),
    kind: z.enum(['OPERATOR', 'TEAM_ADMIN']),
    mode: z.enum(['READ_ONLY', 'FULL']),
    reason: z.string().nullable(),
    status: z.enum(['pending', 'active', 'ended']),
    // Members see who and in which role, not the staff member's e-mail address.
    actor: z.object({ fullName: z.string(), role: z.string() }),
    target: z.object({ id: z.number(), fullName: z.string() }),
    location: z.object({ id: z.number(), name: z.string() }),
    startedAt: z.date().nullable(),
    endedAt: z.date().nullable(),
    endedReason: z.string().nullable(),
    approvedBy: z.string().nullable(),
    canRevoke: z.boolean(),
    lookSummary: z.string().nullable(),
    /** Whether the caller may say "I did not expect this" about it (rules/ `mayReportView`). */
    canReport: z.boolean(),
    report: memberReport.nullable(),
  }),
);

const previewOutput = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ready'),
    kind: z.enum(['OPERATOR', 'TEAM_ADMIN']),
    mode: z.enum(['READ_ONLY', 'FULL']),
    reason: z.string().nullable(),
    actorName: z.string(),
    targetName: z.string(),
    locationName: z.string(),
    tokenExpiresAt: z.date(),
    confirmationRequired: z.boolean(),
  }),
  z.object({ status: z.literal('other-browser') }),
]);

/** Members: team-admin grants, the exchange, exit, and their account's activity. */
export const portalImpersonationRouter = t.router({
  viewability: sessionProcedure
    .input(z.object({ coworkerId: recordId }))
    .output(viewabilityOutput)
    .query(({ ctx, input }) => describeViewability(ctx, ctx.actor, 'TEAM_ADMIN', input.coworkerId)),
  startForTeamMember: ownSessionProcedure
    .input(appGrantInput)
    .output(grantOutput)
    .mutation(async ({ ctx, input }) => {
      const grant = await issueTeamAdminImpersonation(ctx, ctx.actor, input);
      return { ...grant, portalUrl: `${ctx.config.portalUrl}/impersonate` };
    }),
  exchange: publicProcedure
    .input(exchangeInput)
    .output(z.object({ expiresAt: z.date(), targetCoworkerId: z.number() }))
    .mutation(async ({ ctx, input }) => {
      const redeemerSessionId = await ownSessionOfBrowser(ctx);
      const session = await exchangeOneTimeToken(ctx, { ...input, redeemerSessionId });
      const names = sessionCookieNames('PORTAL', ctx.secureCookies);
      ctx.setCookie(
        serializeCookie(names.impersonation, session.accessToken, {
          secure: ctx.secureCookies,
          expires: session.expiresAt,
        }),
      );
      return { expiresAt: session.expiresAt, targetCoworkerId: session.targetCoworkerId };
    }),
  /** What a link would open, before anything happens (a POST: the token stays out of URLs). */
  preview: publicProcedure
    .meta({ allowInReadOnly: true })
    .input(previewInput)
    .output(previewOutput)
    .mutation(async ({ ctx, input }) =>
      previewOneTimeToken(ctx, {
        token: input.token,
        redeemerSessionId: await ownSessionOfBrowser(ctx),
        viewingSomeone: ctx.actor?.impersonation != null,
      }),
    ),
  exit: sessionProcedure.meta({ allowInReadOnly: true }).mutation(async ({ ctx }) => {
    const result = await exitImpersonation(ctx, ctx.actor);
    const names = sessionCookieNames('PORTAL', ctx.secureCookies);
    ctx.setCookie(serializeCookie(names.impersonation, '', { secure: ctx.secureCookies }));
    return result;
  }),
  accountActivity: sessionProcedure
    .meta({ look: { summary: 'viewed your account activity' } })
    .output(activityOutput)
    .query(({ ctx }) => listAccountActivity(ctx, ctx.actor)),
  revoke: ownSessionProcedure
    .input(z.object({ impersonationId: z.uuid() }))
    .mutation(({ ctx, input }) => revokeImpersonation(ctx, ctx.actor, input.impersonationId)),
  /** "I did not expect this": ends the view if live, and tells the location's ADMINs and OWNERs. */
  report: ownSessionProcedure
    .input(reportInput)
    .output(reportOutput)
    .mutation(({ ctx, input }) =>
      reportUnexpectedView(ctx, { via: 'session', actor: ctx.actor }, input),
    ),
});
