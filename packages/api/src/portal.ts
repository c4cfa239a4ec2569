import { portalAccessRequestRouter } from './access-requests/access-request-router';
import { bookingRouter } from './bookings/booking-router';
import { portalImpersonationRouter } from './impersonation/impersonation-router';
import { invoiceRouter } from './invoices/invoice-router';
import { mailLinkRouter } from './mail-links/mail-link-router';
import { membershipRouter } from './membership/membership-router';
import { notificationRouter } from './notifications/notification-router';
import { profileRouter } from './profiles/profile-router';
import { portalMeProcedure, sessionRouter } from './sessions/session-router';
import { teamRouter } from './teams/team-router';
import { createTrpcContext } from './trpc/create-context';
import { handleTrpcRequest } from './trpc/handle-trpc-request';
import { t } from './trpc/init';

/** Everything the member portal may call; see `admin.ts` for how the two are kept apart. */
export const portalRouter = t.router({
  me: portalMeProcedure,
  session: sessionRouter,
  profiles: profileRouter,
  teams: teamRouter,
  impersonation: portalImpersonationRouter,
  bookings: bookingRouter,
  invoices: invoiceRouter,
  membership: membershipRouter,
  notifications: notificationRouter,
  accessRequests: portalAccessRequestRouter,
  mailLinks: mailLinkRouter,
});

export type PortalRouter = typeof portalRouter;

export const createPortalContext = (opts: { req: Request; resHeaders: Headers }) =>
  createTrpcContext({ ...opts, app: 'portal' });

/** The portal app's `/api/trpc/[trpc]` route handler (GET and POST). */
export const handlePortalTrpcRequest = (req: Request) =>
  handleTrpcRequest(req, portalRouter, createPortalContext);
