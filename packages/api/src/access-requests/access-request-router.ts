import { z } from 'zod';

import { recordId } from '../contract/fields';
import { grantInput } from '../impersonation/impersonation-contract';
import { t } from '../trpc/init';
import { operatorProcedure } from '../trpc/procedures';
import {
  createAccessRequest,
  decideAccessRequest,
  latestOwnAccessRequest,
  listPendingAccessRequests,
} from './access-request-service';

const accessRequestOutput = z.object({
  id: z.uuid(),
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
  canDecide: z.boolean(),
  cannotDecideBecause: z.string().nullable(),
});

const requestIdInput = z.object({ requestId: z.uuid() });

/** Operators: ask a second ADMIN or OWNER to approve a full view, and decide others' asks. */
export const accessRequestRouter = t.router({
  create: operatorProcedure
    .input(grantInput)
    .output(accessRequestOutput)
    .mutation(({ ctx, input }) => createAccessRequest(ctx, ctx.actor, input)),
  pending: operatorProcedure
    .output(z.array(accessRequestOutput))
    .query(({ ctx }) => listPendingAccessRequests(ctx, ctx.actor)),
  mine: operatorProcedure
    .input(z.object({ coworkerId: recordId }))
    .output(accessRequestOutput.nullable())
    .query(({ ctx, input }) => latestOwnAccessRequest(ctx, ctx.actor, input.coworkerId)),
  approve: operatorProcedure
    .input(requestIdInput)
    .output(accessRequestOutput)
    .mutation(({ ctx, input }) => decideAccessRequest(ctx, ctx.actor, input.requestId, 'APPROVED')),
  deny: operatorProcedure
    .input(requestIdInput)
    .output(accessRequestOutput)
    .mutation(({ ctx, input }) => decideAccessRequest(ctx, ctx.actor, input.requestId, 'DENIED')),
});
