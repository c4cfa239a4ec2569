import { decideAccessRequestFromMail } from '../access-requests/decide-from-mail';
import { reportOutput } from '../impersonation/report-contract';
import { reportViewFromMail } from '../impersonation/report-view-from-mail';
import { t } from '../trpc/init';
import { publicProcedure } from '../trpc/procedures';
import { describeMailLink } from './describe-mail-link';
import {
  decideByLinkInput,
  decideByLinkOutput,
  mailLinkDescription,
  mailLinkInput,
  reportViewByLinkInput,
} from './mail-link-contract';

/**
 * The page every e-mail link opens (`/from-mail`). No session needed: the link is the credential
 * (only a yes to a request for consent also needs the member signed in). All are POSTs,
 * `describe` too although it changes nothing, so the token travels in a request body and never
 * in a URL that a server or proxy would log.
 */
export const mailLinkRouter = t.router({
  describe: publicProcedure
    .meta({ allowInReadOnly: true })
    .input(mailLinkInput)
    .output(mailLinkDescription)
    .mutation(({ ctx, input }) => describeMailLink(ctx, input.token, ctx.actor)),
  /** "I did not expect this" from a view's e-mail: ends the view if live, records the report. */
  reportView: publicProcedure
    .input(reportViewByLinkInput)
    .output(reportOutput)
    .mutation(({ ctx, input }) => reportViewFromMail(ctx, input)),
  /**
   * The member's answer to a request to view their account, from its e-mail: "Deny" from the
   * link alone, "Approve" only with the member's own session in this browser.
   */
  decideAccessRequest: publicProcedure
    .input(decideByLinkInput)
    .output(decideByLinkOutput)
    .mutation(({ ctx, input }) => decideAccessRequestFromMail(ctx, ctx.actor, input)),
});
