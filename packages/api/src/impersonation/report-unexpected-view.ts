import { type Prisma } from '@hotdesk/db';

import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { notFound } from '../errors';
import { type Actor } from '../sessions/actor';
import { endImpersonation, type ViewEnder } from './end-impersonation';
import { reporterOf } from './impersonation-snapshot';
import { type ReportOutcome } from './report-contract';
import { mayReportView, type Reporter } from './rules';

/**
 * The member saying "I did not expect this": signed in as themself (Account activity, the
 * portal's notification), or named by the verified link of an e-mail, which works without a
 * session of theirs.
 */
export type ReportingMember =
  | { via: 'session'; actor: Actor }
  | {
      via: 'link';
      coworkerId: number;
      /** Spends the e-mail's link in the report's transaction: the link reports once. */
      spendLink?: (tx: Prisma.TransactionClient) => Promise<void>;
    };

const reportSelect = {
  id: true,
  words: true,
  createdAt: true,
} satisfies Prisma.ImpersonationReportSelect;

export function reporterOfMember(member: ReportingMember): Reporter {
  return member.via === 'session'
    ? reporterOf(member.actor)
    : { userId: null, coworkerId: member.coworkerId, impersonating: false };
}

function enderOf(member: ReportingMember): ViewEnder {
  return member.via === 'session' ? member.actor : { memberCoworkerId: member.coworkerId };
}

/**
 * Records the member's report of one view of their account and, if that view is still live,
 * ends it at once (its session is refused from its next request on), with both audit events in
 * the same transaction. One report per view: asking again answers the first report, changes
 * nothing and records nothing. Anyone but the member viewed gets 404, as for an unknown id.
 */
export async function reportUnexpectedView(
  ctx: ServiceContext,
  member: ReportingMember,
  input: { impersonationId: string; words?: string | null },
): Promise<ReportOutcome> {
  const view = await ctx.db.impersonation.findUnique({
    where: { id: input.impersonationId },
    select: {
      id: true,
      targetCoworkerId: true,
      locationId: true,
      target: { select: { userId: true } },
      report: { select: reportSelect },
    },
  });
  const allowed =
    view !== null &&
    mayReportView(reporterOfMember(member), {
      targetCoworkerId: view.targetCoworkerId,
      targetUserId: view.target.userId,
    });
  if (!view || !allowed) throw notFound('No such view of your account.');
  if (view.report) return { report: view.report, alreadyReported: true, viewEnded: false };

  const words = input.words?.trim() || null;
  return auditedTransaction(ctx.db, async (tx) => {
    if (member.via === 'link') await member.spendLink?.(tx);
    const [created] = await tx.impersonationReport.createManyAndReturn({
      data: [
        {
          impersonationId: view.id,
          coworkerId: view.targetCoworkerId,
          words,
          createdAt: ctx.now(),
        },
      ],
      skipDuplicates: true,
      select: reportSelect,
    });
    if (!created) {
      // Another click got there first (two tabs, or the e-mail and the portal): show that one.
      const first = await tx.impersonationReport.findUniqueOrThrow({
        where: { impersonationId: view.id },
        select: reportSelect,
      });
      return { report: first, alreadyReported: true, viewEnded: false };
    }
    const viewEnded = await endImpersonation(
      tx,
      ctx,
      view.id,
      'MEMBER_REPORTED',
      enderOf(member),
      'the member did not expect this view',
    );
    await recordAuditEvent(tx, {
      type: 'IMPERSONATION_REPORTED',
      actor: member.via === 'session' ? member.actor : null,
      ...(member.via === 'link' ? { actorCoworkerId: member.coworkerId } : {}),
      targetCoworkerId: view.targetCoworkerId,
      locationId: view.locationId,
      impersonationId: view.id,
      // The words stay in the report, for those who review it; the audit log only says there were some.
      data: { reportId: created.id, via: member.via, viewEnded, withWords: words !== null },
      request: ctx.request,
      at: ctx.now(),
    });
    return { report: created, alreadyReported: false, viewEnded };
  });
}
