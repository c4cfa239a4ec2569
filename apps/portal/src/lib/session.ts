import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<PortalRouter>;

/** The signed-in caller as `me` describes it (null when signed out). */
export type PortalSession = NonNullable<Outputs['me']>;
export type Impersonation = NonNullable<PortalSession['impersonation']>;
export type ProfilesView = Outputs['profiles']['list'];

/**
 * Who a page was rendered for: the person, the current profile and the impersonation. When the
 * cookie behind the page changes (another tab switched profile, an impersonation ended and the
 * team administrator's own session took over again), the fingerprint changes with it.
 */
export function sessionFingerprint(session: PortalSession | null): string {
  if (!session) return 'signed-out';
  return [
    session.userId ?? '-',
    session.profile?.id ?? '-',
    session.impersonation?.id ?? 'own',
  ].join(':');
}
