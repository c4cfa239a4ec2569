import { type MailLinkClaims } from '@hotdesk/auth';

import { type ServiceContext } from '../context';
import { type ReportViewLinkDescription } from '../mail-links/mail-link-contract';
import { invalidMailLink, readMailLink, spendMailLink } from '../mail-links/read-mail-link';
import { viewerRoleOf } from '../notifications/view-notice';
import { viewIsLive } from './impersonation-liveness';
import { type ReportOutcome } from './report-contract';
import { reportUnexpectedView, reporterOfMember } from './report-unexpected-view';
import { mayReportView } from './rules';

/** The view a `report_view` link names, if it is a view of the member the link was sent to. */
async function viewNamedBy(ctx: ServiceContext, link: MailLinkClaims) {
  const view = await ctx.db.impersonation.findUnique({
    where: { id: link.subjectId },
    select: {
      kind: true,
      mode: true,
      reason: true,
      exchangedAt: true,
      sessionExpiresAt: true,
      endedAt: true,
      targetCoworkerId: true,
      target: { select: { userId: true, fullName: true } },
      actorUser: { select: { fullName: true } },
      location: { select: { name: true } },
      report: { select: { id: true } },
    },
  });
  const reporter = reporterOfMember({ via: 'link', coworkerId: link.coworkerId });
  // A link never speaks of someone else's view: the same answer as for a forged one.
  if (
    !view ||
    !view.exchangedAt ||
    !mayReportView(reporter, {
      targetCoworkerId: view.targetCoworkerId,
      targetUserId: view.target.userId,
    })
  ) {
    throw invalidMailLink();
  }
  return view;
}

/** What the e-mail's "I did not expect this" link is about, read without changing anything. */
export async function describeViewForMailLink(
  ctx: ServiceContext,
  link: MailLinkClaims,
): Promise<ReportViewLinkDescription> {
  const view = await viewNamedBy(ctx, link);
  const now = ctx.now();
  return {
    purpose: 'report_view',
    memberName: view.target.fullName,
    viewerName: view.actorUser.fullName,
    viewerRole: viewerRoleOf(view.kind),
    locationName: view.location.name,
    mode: view.mode,
    reason: view.reason,
    startedAt: view.exchangedAt,
    endedAt: view.endedAt,
    live: viewIsLive(view, now),
    alreadyReported: view.report !== null,
  };
}

/**
 * "I did not expect this" from the e-mail, without a session: the link names the member and the
 * view, and is spent in the report's own transaction (of two clicks, one reports; the other is
 * told the link was used).
 */
export async function reportViewFromMail(
  ctx: ServiceContext,
  input: { token: string; words?: string },
): Promise<ReportOutcome> {
  const link = await readMailLink(ctx, input.token, ['report_view']);
  await viewNamedBy(ctx, link);
  return reportUnexpectedView(
    ctx,
    {
      via: 'link',
      coworkerId: link.coworkerId,
      spendLink: (tx) => spendMailLink(tx, link, ctx.now()),
    },
    { impersonationId: link.subjectId, words: input.words },
  );
}
