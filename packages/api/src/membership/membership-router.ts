import { t } from '../trpc/init';
import { operatorProcedure, sessionProcedure } from '../trpc/procedures';
import { summarizeCustomerAccount } from './customer-account-summary';
import {
  customerAccountInput,
  customerAccountSummary,
  membershipOverview,
  revealedSecret,
  revealInput,
} from './membership-contract';
import { getMembership } from './membership-service';
import { revealMemberSecret } from './reveal-member-secret';

/** The current profile's membership, card and door PIN, masked until revealed. */
export const membershipRouter = t.router({
  get: sessionProcedure
    .meta({ look: { summary: 'viewed your membership' } })
    .output(membershipOverview)
    .query(({ ctx }) => getMembership(ctx, ctx.actor)),
  // A mutation, not a read: a read-only view is refused it (and the refusal audited) by the
  // procedure ladder before the rules are even asked.
  reveal: sessionProcedure
    .input(revealInput)
    .output(revealedSecret)
    .mutation(({ ctx, input }) => revealMemberSecret(ctx, ctx.actor, input.secret)),
});

/** Operators: a customer's account at a glance, card and door PIN masked. */
export const customerAccountRouter = t.router({
  summary: operatorProcedure
    .input(customerAccountInput)
    .output(customerAccountSummary)
    .query(({ ctx, input }) => summarizeCustomerAccount(ctx, ctx.actor, input.coworkerId)),
});
