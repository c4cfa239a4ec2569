import { accessRequestRouter } from './access-requests/access-request-router';
import { adminImpersonationRouter } from './impersonation/impersonation-router';
import { adminReportRouter } from './impersonation/report-router';
import { auditRouter } from './audit/audit-router';
import { coworkerRouter } from './coworkers/coworker-router';
import { customerAccountRouter } from './membership/membership-router';
import { policyRouter } from './policies/policy-router';
import { adminMeProcedure, sessionRouter } from './sessions/session-router';
import { adminTeamRouter } from './teams/team-router';
import { createTrpcContext } from './trpc/create-context';
import { handleTrpcRequest } from './trpc/handle-trpc-request';
import { t } from './trpc/init';

/**
 * Everything the admin app may call, and nothing else: the admin app mounts only this router,
 * and its sessions (audience ADMIN) are refused by the portal's router, and vice versa.
 */
export const adminRouter = t.router({
  me: adminMeProcedure,
  session: sessionRouter,
  coworkers: coworkerRouter,
  impersonation: adminImpersonationRouter,
  accessRequests: accessRequestRouter,
  reports: adminReportRouter,
  audit: auditRouter,
  policies: policyRouter,
  teams: adminTeamRouter,
  customerAccount: customerAccountRouter,
});

export type AdminRouter = typeof adminRouter;

export const createAdminContext = (opts: { req: Request; resHeaders: Headers }) =>
  createTrpcContext({ ...opts, app: 'admin' });

/** The admin app's `/api/trpc/[trpc]` route handler (GET and POST). */
export const handleAdminTrpcRequest = (req: Request) =>
  handleTrpcRequest(req, adminRouter, createAdminContext);
