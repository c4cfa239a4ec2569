import { takeImpersonationReturn } from './browser-storage';
import type { PortalSession } from './session';

/**
 * Where the person behind an impersonation goes when it ends: an operator back to the
 * customer's page in the admin app, a team administrator back to the page they started from.
 */
export function impersonationReturnUrl(session: PortalSession, adminUrl: string): string {
  if (session.impersonation?.kind === 'OPERATOR') {
    return session.profile ? `${adminUrl}/customers/${session.profile.id}` : adminUrl;
  }
  return takeImpersonationReturn() ?? '/team';
}
