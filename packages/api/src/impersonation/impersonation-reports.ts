import { type Prisma } from '@hotdesk/db';

import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { notFound } from '../errors';
import { type Actor } from '../sessions/actor';
import { type ReviewedReport } from './report-contract';
import { mayReviewReportsAt, reportReviewLocations } from './rules';

/*
 * Members' "I did not expect this" reports, for the ADMINs and OWNERs of the viewed location
 * (rules/ `mayReviewReportsAt`). Everyone else sees none: an empty list, a count of zero, and
 * 404 for any report id, as for an unknown one.
 */

const reviewSelect = {
  id: true,
  words: true,
  createdAt: true,
  resolvedAt: true,
  resolvedBy: { select: { fullName: true } },
  coworker: { select: { id: true, fullName: true } },
  impersonation: {
    select: {
      id: true,
      kind: true,
      mode: true,
      reason: true,
      exchangedAt: true,
      endedAt: true,
      endedReason: true,
      actorUser: { select: { fullName: true, email: true } },
      location: { select: { id: true, name: true } },
    },
  },
} satisfies Prisma.ImpersonationReportSelect;

type Row = Prisma.ImpersonationReportGetPayload<{ select: typeof reviewSelect }>;

function toReviewed(row: Row): ReviewedReport {
  const view = row.impersonation;
  return {
    id: row.id,
    words: row.words,
    createdAt: row.createdAt,
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedBy,
    member: row.coworker,
    location: view.location,
    view: {
      id: view.id,
      kind: view.kind,
      mode: view.mode,
      reason: view.reason,
      viewer: view.actorUser,
      startedAt: view.exchangedAt,
      endedAt: view.endedAt,
      endedReason: view.endedReason,
    },
  };
}

/** The reports the actor reviews, or null when they review none anywhere. */
function reviewFilter(actor: Actor): Prisma.ImpersonationReportWhereInput | null {
  const scope = reportReviewLocations(actor.operatorRoles);
  if (scope === 'all') return {};
  return scope.length === 0 ? null : { impersonation: { locationId: { in: scope } } };
}

/** Reports of views in the actor's reviewed locations, newest first; open ones only by default. */
export async function listImpersonationReports(
  ctx: ServiceContext,
  actor: Actor,
  filter: { status: 'open' | 'all' },
): Promise<ReviewedReport[]> {
  const where = reviewFilter(actor);
  if (!where) return [];
  const rows = await ctx.db.impersonationReport.findMany({
    where: { ...where, ...(filter.status === 'open' ? { resolvedAt: null } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
    select: reviewSelect,
  });
  return rows.map(toReviewed);
}

/** Whether the actor reviews reports at all, and how many await them (the sidebar's count). */
export async function impersonationReportsSummary(
  ctx: ServiceContext,
  actor: Actor,
): Promise<{ mayReview: boolean; open: number }> {
  const where = reviewFilter(actor);
  if (!where) return { mayReview: false, open: 0 };
  const open = await ctx.db.impersonationReport.count({ where: { ...where, resolvedAt: null } });
  return { mayReview: true, open };
}

/** Marks a report looked into, once, on the record; resolving it again changes nothing. */
export async function resolveImpersonationReport(
  ctx: ServiceContext,
  actor: Actor,
  reportId: string,
): Promise<{ resolved: boolean; resolvedAt: Date }> {
  const report = await ctx.db.impersonationReport.findUnique({
    where: { id: reportId },
    select: {
      id: true,
      resolvedAt: true,
      coworkerId: true,
      impersonation: { select: { id: true, locationId: true } },
    },
  });
  if (!report || !mayReviewReportsAt(actor.operatorRoles, report.impersonation.locationId)) {
    throw notFound('No such report in your locations.');
  }
  if (report.resolvedAt) return { resolved: false, resolvedAt: report.resolvedAt };
  const now = ctx.now();
  return auditedTransaction(ctx.db, async (tx) => {
    const { count } = await tx.impersonationReport.updateMany({
      where: { id: report.id, resolvedAt: null },
      data: { resolvedAt: now, resolvedByUserId: actor.userId },
    });
    if (count === 0) {
      const first = await tx.impersonationReport.findUniqueOrThrow({
        where: { id: report.id },
        select: { resolvedAt: true },
      });
      return { resolved: false, resolvedAt: first.resolvedAt ?? now };
    }
    await recordAuditEvent(tx, {
      type: 'IMPERSONATION_REPORT_RESOLVED',
      actor,
      targetCoworkerId: report.coworkerId,
      locationId: report.impersonation.locationId,
      impersonationId: report.impersonation.id,
      data: { reportId: report.id },
      request: ctx.request,
      at: now,
    });
    return { resolved: true, resolvedAt: now };
  });
}
