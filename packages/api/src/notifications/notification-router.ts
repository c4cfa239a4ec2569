import { z } from 'zod';

import { memberReport } from '../impersonation/report-contract';
import { t } from '../trpc/init';
import { ownSessionProcedure } from '../trpc/procedures';
import {
  listNotifications,
  markNotificationsRead,
  setEmailViewNotices,
} from './notification-service';

const listOutput = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['VIEW_STARTED', 'VIEW_ENDED', 'CONSENT_REQUESTED', 'CONSENT_ANSWERED']),
      impersonationId: z.uuid().nullable(),
      consent: z
        .object({
          requestId: z.uuid(),
          answer: z.enum(['waiting', 'approved', 'denied', 'closed']),
        })
        .nullable(),
      title: z.string(),
      lines: z.array(z.string()),
      createdAt: z.date(),
      read: z.boolean(),
      view: z
        .object({
          viewerName: z.string(),
          locationName: z.string(),
          live: z.boolean(),
          canReport: z.boolean(),
          report: memberReport.nullable(),
        })
        .nullable(),
    }),
  ),
  unread: z.number().int(),
  emailViewNotices: z.boolean(),
  /** The most a report's words may hold, for the form beside each notice. */
  reportWordsMaxLength: z.number().int(),
});

/**
 * The member's notices of views of their account. Their own session only: someone viewing as
 * the member must not read them as new, nor mark them read, nor turn the e-mail off.
 */
export const notificationRouter = t.router({
  list: ownSessionProcedure
    .output(listOutput)
    .query(({ ctx }) => listNotifications(ctx, ctx.actor)),
  markRead: ownSessionProcedure
    .input(z.object({ ids: z.array(z.uuid()).max(100).optional() }).default({}))
    .output(z.object({ marked: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({
      marked: await markNotificationsRead(ctx, ctx.actor, input.ids),
    })),
  setEmail: ownSessionProcedure
    .input(z.object({ email: z.boolean() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await setEmailViewNotices(ctx, ctx.actor, input.email);
      return { ok: true as const };
    }),
});
