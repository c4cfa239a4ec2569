import { z } from 'zod';

import { calendarDay } from '../contract/calendar-day';
import { recordId } from '../contract/fields';
import { invoiceSummary } from '../invoices/invoice-contract';

// What the membership procedures take and answer (membership-router.ts), and the operators'
// at-a-glance facts of a customer's account (customer-account-router.ts).

export const memberSecrets = ['DOOR_PIN', 'PAYMENT_METHOD'] as const;

/** Whether this session may reveal a secret, and if not, the sentence that says why. */
const revealTerms = z.discriminatedUnion('allowed', [
  z.object({ allowed: z.literal(true) }),
  z.object({ allowed: z.literal(false), reason: z.string() }),
]);

const card = z.object({
  brand: z.string(),
  last4: z.string(),
  expiryMonth: z.int(),
  expiryYear: z.int(),
});

const plan = z.object({
  name: z.string(),
  description: z.string().nullable(),
  priceMinor: z.int(),
  billingPeriod: z.enum(['MONTHLY', 'YEARLY']),
});

const contract = z.object({
  plan,
  /** What this member pays, which may differ from the plan's list price. */
  priceMinor: z.int(),
  startedOn: calendarDay,
  renewsOn: calendarDay,
  endedOn: calendarDay.nullable(),
});

export const membershipOverview = z.object({
  member: z.object({ fullName: z.string() }),
  location: z.object({ name: z.string(), timeZone: z.string(), currency: z.string() }),
  /** The live contract, or null when the member has none. */
  membership: contract.nullable(),
  paymentMethod: z.object({
    onFile: z.boolean(),
    /** Null when there is none, or while it is masked (see `reveal`). */
    card: card.nullable(),
    reveal: revealTerms,
  }),
  /** Masked for everyone until revealed: the digits are never part of this answer. */
  doorPin: z.object({ onFile: z.boolean(), reveal: revealTerms }),
  /** The last ten check-ins, newest first; `day` is the date at the location. */
  visits: z.array(
    z.object({
      id: z.string(),
      day: calendarDay,
      checkedInAt: z.date(),
      checkedOutAt: z.date().nullable(),
    }),
  ),
});

export const revealInput = z.object({ secret: z.enum(memberSecrets) });

export const revealedSecret = z.discriminatedUnion('secret', [
  z.object({ secret: z.literal('DOOR_PIN'), pin: z.string() }),
  z.object({ secret: z.literal('PAYMENT_METHOD'), card }),
]);

export const customerAccountInput = z.object({ coworkerId: recordId });

export const customerAccountSummary = z.object({
  location: z.object({ timeZone: z.string(), currency: z.string() }),
  membership: contract.nullable(),
  invoices: z.object({
    count: z.int(),
    overdueCount: z.int(),
    latest: z.array(invoiceSummary),
  }),
  bookings: z.object({
    upcomingCount: z.int(),
    next: z.object({ resourceName: z.string(), startsAt: z.date(), endsAt: z.date() }).nullable(),
  }),
  /** Operators see only whether they exist: the card and the door PIN stay masked. */
  paymentMethod: z.object({ onFile: z.boolean() }),
  doorPin: z.object({ onFile: z.boolean() }),
});

export type MembershipOverview = z.infer<typeof membershipOverview>;
export type RevealedSecret = z.infer<typeof revealedSecret>;
export type CustomerAccountSummary = z.infer<typeof customerAccountSummary>;
