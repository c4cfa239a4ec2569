import { z } from 'zod';

import { reportWordsMaxLength } from '../impersonation/rules';
import { viewerRole } from '../notifications/view-notice';

/**
 * A link's token as the page read it from the fragment. Its shape is the verifier's to judge:
 * whatever is wrong with it gets the one "not valid any more" answer (read-mail-link.ts).
 */
export const mailLinkToken = z.string().max(10_000, 'is not a link of Hotdesk’s');

export const mailLinkInput = z.object({ token: mailLinkToken });

/** What a `report_view` link is about: one view of the member's account. */
export const reportViewLinkDescription = z.object({
  purpose: z.literal('report_view'),
  memberName: z.string(),
  viewerName: z.string(),
  viewerRole: viewerRole,
  locationName: z.string(),
  mode: z.enum(['READ_ONLY', 'FULL']),
  reason: z.string().nullable(),
  startedAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  /** The view is still going: reporting it ends it at once. */
  live: z.boolean(),
  /** The member reported it already (from the portal): the link has nothing left to do. */
  alreadyReported: z.boolean(),
});

export type ReportViewLinkDescription = z.infer<typeof reportViewLinkDescription>;

/** What a `decide_access_request` link is about: one request to view the member's account. */
export const decideAccessRequestLinkDescription = z.object({
  purpose: z.literal('decide_access_request'),
  memberName: z.string(),
  requesterName: z.string(),
  requesterRole: viewerRole,
  locationName: z.string(),
  mode: z.enum(['READ_ONLY', 'FULL']),
  reason: z.string().nullable(),
  answerBy: z.date(),
  /** Whether it still waits for the member, or what became of it. */
  answer: z.enum(['waiting', 'approved', 'denied', 'closed']),
  /** The browser holds the member's own session: the page may offer "Approve". */
  signedInAsMember: z.boolean(),
});

export type DecideAccessRequestLinkDescription = z.infer<typeof decideAccessRequestLinkDescription>;

/** What any link is about, told by its purpose; a purpose adds its own shape here. */
export const mailLinkDescription = z.discriminatedUnion('purpose', [
  reportViewLinkDescription,
  decideAccessRequestLinkDescription,
]);

export type MailLinkDescription = z.infer<typeof mailLinkDescription>;

/** "I did not expect this" from the e-mail: the link names the member and the view. */
export const reportViewByLinkInput = z.object({
  token: mailLinkToken,
  words: z
    .string()
    .trim()
    .max(reportWordsMaxLength, `must be at most ${reportWordsMaxLength} characters`)
    .optional(),
});

/** The member's answer from the request's e-mail: "Deny" works from the link alone. */
export const decideByLinkInput = z.object({
  token: mailLinkToken,
  decision: z.enum(['APPROVED', 'DENIED']),
});

export const decideByLinkOutput = z.object({
  answer: z.enum(['approved', 'denied']),
  /** The member said yes; a second operator's approval is still to come. */
  waitingForSecondApproval: z.boolean(),
});
