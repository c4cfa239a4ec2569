import { t } from '../trpc/init';
import { operatorProcedure } from '../trpc/procedures';
import {
  impersonationReportsSummary,
  listImpersonationReports,
  resolveImpersonationReport,
} from './impersonation-reports';
import {
  reportListInput,
  reportsSummary,
  resolveInput,
  resolveOutput,
  reviewedReport,
} from './report-contract';

/** Operators: members' "I did not expect this" reports, for their locations' ADMINs and OWNERs. */
export const adminReportRouter = t.router({
  list: operatorProcedure
    .input(reportListInput)
    .output(reviewedReport.array())
    .query(({ ctx, input }) => listImpersonationReports(ctx, ctx.actor, input)),
  summary: operatorProcedure
    .output(reportsSummary)
    .query(({ ctx }) => impersonationReportsSummary(ctx, ctx.actor)),
  resolve: operatorProcedure
    .input(resolveInput)
    .output(resolveOutput)
    .mutation(({ ctx, input }) => resolveImpersonationReport(ctx, ctx.actor, input.reportId)),
});
