import { z } from 'zod';

import { recordId } from '../contract/fields';
import { grantInput } from '../impersonation/impersonation-contract';
import { t } from '../trpc/init';
import { operatorProcedure, ownSessionProcedure, sessionProcedure } from '../trpc/procedures';
import { createAccessRequest } from './create-access-request';
import { answerAsMember, decideAccessRequest } from './decide-access-request';
import {
  latestOwnAccessRequest,
  listPendingAccessRequests,
  recentOwnAccessRequests,
} from './list-access-requests';

const accessRequestOutput = z.object({
  id: z.uuid(),
  kind: z.enum(['OPERATOR', 'TEAM_ADMIN']),
  mode: z.enum(['READ_ONLY', 'FULL']),
  reason: z.string().nullable(),
  status: z.enum(['PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'USED']),
  requester: z.object({ id: z.number(), fullName: z.string() }),
  target: z.object({ id: z.number(), fullName: z.string() }),
  location: z.object({ id: z.number(), name: z.string() }),
  createdAt: z.date(),
  expiresAt: z.date(),
  approvedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  needsSecondApproval: z.boolean(),
  needsMemberConsent: z.boolean(),
  memberAnswer: z.enum(['waiting', 'approved', 'denied']).nullable(),
  canDecide: z.boolean(),
  cannotDecideBecause: z.string().nullable(),
});

const requestIdInput = z.object({ requestId: z.uuid() });
const ownRequestInput = z.object({
  coworkerId: recordId,
  mode: z.enum(['READ_ONLY', 'FULL']).default('FULL'),
});

/**
 * Operators: ask for the yes a view waits for (a second ADMIN or OWNER's, the member's, or
 * both), and decide others' asks for a second approval.
 */
export const accessRequestRouter = t.router({
  create: operatorProcedure
    .input(grantInput)
    .output(accessRequestOutput)
    .mutation(({ ctx, input }) => createAccessRequest(ctx, ctx.actor, 'OPERATOR', input)),
  pending: operatorProcedure
    .output(z.array(accessRequestOutput))
    .query(({ ctx }) => listPendingAccessRequests(ctx, ctx.actor)),
  mine: operatorProcedure
    .input(ownRequestInput)
    .output(accessRequestOutput.nullable())
    .query(({ ctx, input }) => latestOwnAccessRequest(ctx, ctx.actor, 'OPERATOR', input)),
  recent: operatorProcedure
    .output(z.array(accessRequestOutput))
    .query(({ ctx }) => recentOwnAccessRequests(ctx, ctx.actor, 'OPERATOR')),
  approve: operatorProcedure
    .input(requestIdInput)
    .output(accessRequestOutput)
    .mutation(({ ctx, input }) => decideAccessRequest(ctx, ctx.actor, input.requestId, 'APPROVED')),
  deny: operatorProcedure
    .input(requestIdInput)
    .output(accessRequestOutput)
    .mutation(({ ctx, input }) => decideAccessRequest(ctx, ctx.actor, input.requestId, 'DENIED')),
});

/**
 * Members: a team administrator asks a member of their team for their yes, and a member
 * answers a request to view their own account. Answering goes through the rules, which refuse
 * an impersonated session (the person behind a view never answers for the member).
 */
export const portalAccessRequestRouter = t.router({
  create: ownSessionProcedure
    .input(grantInput)
    .output(accessRequestOutput)
    .mutation(({ ctx, input }) => createAccessRequest(ctx, ctx.actor, 'TEAM_ADMIN', input)),
  mine: ownSessionProcedure
    .input(ownRequestInput)
    .output(accessRequestOutput.nullable())
    .query(({ ctx, input }) => latestOwnAccessRequest(ctx, ctx.actor, 'TEAM_ADMIN', input)),
  approve: sessionProcedure
    .input(requestIdInput)
    .output(accessRequestOutput)
    .mutation(({ ctx, input }) =>
      answerAsMember(ctx, { via: 'session', actor: ctx.actor }, input.requestId, 'APPROVED'),
    ),
  deny: sessionProcedure
    .input(requestIdInput)
    .output(accessRequestOutput)
    .mutation(({ ctx, input }) =>
      answerAsMember(ctx, { via: 'session', actor: ctx.actor }, input.requestId, 'DENIED'),
    ),
});
