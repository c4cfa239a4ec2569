import { z } from 'zod';

import { reportWordsMaxLength } from '../impersonation/rules';

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
  viewerRole: z.enum(['Staff', 'Team administrator']),
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

/** What any link is about, told by its purpose; a purpose adds its own shape here. */
export const mailLinkDescription = z.discriminatedUnion('purpose', [reportViewLinkDescription]);

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
