import { z } from 'zod';

import { reportWordsMaxLength } from './rules';

/** "I did not expect this": the view, and optionally what the member wants to say about it. */
export const reportInput = z.object({
  impersonationId: z.uuid(),
  words: z
    .string()
    .trim()
    .max(reportWordsMaxLength, `must be at most ${reportWordsMaxLength} characters`)
    .optional(),
});

/** A report as the member who made it sees it. */
export const memberReport = z.object({
  id: z.uuid(),
  words: z.string().nullable(),
  createdAt: z.date(),
});

export const reportOutput = z.object({
  report: memberReport,
  /** The member had already reported this view: nothing new was recorded. */
  alreadyReported: z.boolean(),
  /** The view was live and this report ended it. */
  viewEnded: z.boolean(),
});

export type ReportOutcome = z.infer<typeof reportOutput>;

export const reportListInput = z
  .object({ status: z.enum(['open', 'all']).default('open') })
  .default({ status: 'open' });

/** A report as the location's ADMINs and OWNERs review it, with the view it is about. */
export const reviewedReport = z.object({
  id: z.uuid(),
  words: z.string().nullable(),
  createdAt: z.date(),
  resolvedAt: z.date().nullable(),
  resolvedBy: z.object({ fullName: z.string() }).nullable(),
  member: z.object({ id: z.number(), fullName: z.string() }),
  location: z.object({ id: z.number(), name: z.string() }),
  view: z.object({
    id: z.uuid(),
    kind: z.enum(['OPERATOR', 'TEAM_ADMIN']),
    mode: z.enum(['READ_ONLY', 'FULL']),
    reason: z.string().nullable(),
    viewer: z.object({ fullName: z.string(), email: z.string() }),
    startedAt: z.date().nullable(),
    endedAt: z.date().nullable(),
    endedReason: z.string().nullable(),
  }),
});

export type ReviewedReport = z.infer<typeof reviewedReport>;

export const reportsSummary = z.object({
  /** Whether the caller reviews reports anywhere (the sidebar shows the page only then). */
  mayReview: z.boolean(),
  open: z.number(),
});

export const resolveInput = z.object({ reportId: z.uuid() });
export const resolveOutput = z.object({ resolved: z.boolean(), resolvedAt: z.date() });
