'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { AlertDialog } from 'radix-ui';
import { useEffect } from 'react';
import { impersonationReturnUrl } from '@/lib/impersonation-return';
import { isLeavingPage, loadPage } from '@/lib/navigation';
import { sessionFingerprint, type PortalSession } from '@/lib/session';
import { useTRPC } from '@/trpc/react';
import { SESSION_CHANGED_EVENT } from '@/trpc/session-guard-link';
import { buttonClasses } from './ui/button';
import { usePortalSession } from './session-context';

function hasExpired(session: PortalSession) {
  return session.impersonation !== null && session.impersonation.expiresAt.getTime() <= Date.now();
}

/**
 * Keeps an eye on the cookie behind the page (on focus, every 30 s, every 2 s once an
 * impersonation's time is up, and whenever a mutation was stopped) and blocks the page as soon
 * as it belongs to someone else than the page was rendered for.
 */
export function SessionWatcher() {
  const { session, adminUrl } = usePortalSession();
  const pathname = usePathname();
  const trpc = useTRPC();
  // The landing page changes the session on purpose.
  const watching = session !== null && pathname !== '/impersonate';

  const me = useQuery({
    ...trpc.me.queryOptions(),
    enabled: watching,
    initialData: session,
    staleTime: 15_000,
    refetchOnWindowFocus: true,
    refetchInterval: () => (session && hasExpired(session) ? 2_000 : 30_000),
  });
  const { refetch } = me;

  useEffect(() => {
    const check = () => void refetch();
    window.addEventListener(SESSION_CHANGED_EVENT, check);
    return () => window.removeEventListener(SESSION_CHANGED_EVENT, check);
  }, [refetch]);

  if (!watching || !session || isLeavingPage()) return null;
  const current = me.data ?? null;
  if (sessionFingerprint(current) === sessionFingerprint(session)) return null;

  const impersonation = session.impersonation;
  const targetName = session.profile?.fullName ?? 'this member';
  const { title, body, action, href } = impersonation
    ? {
        title: `Your view as ${targetName} has ended`,
        body: 'It ran out of time, was revoked, or was exited in another tab. Nothing more can be done as this member from this page.',
        action:
          impersonation.kind === 'OPERATOR' ? 'Return to the admin app' : 'Return to your portal',
        href: () => impersonationReturnUrl(session, adminUrl),
      }
    : current === null
      ? {
          title: 'You have been signed out',
          body: 'Your session ended, perhaps in another tab. Sign in again to continue.',
          action: 'Sign in',
          href: () => `/sign-in?next=${encodeURIComponent(window.location.pathname)}`,
        }
      : {
          title: 'Your session changed in another tab',
          body: current.impersonation
            ? `This browser is now viewing the portal as ${current.profile?.fullName ?? 'another member'}. Reload to see what that session sees.`
            : 'You switched profile or account in another tab. Reload to continue with the current one.',
          action: 'Reload',
          href: () => window.location.pathname,
        };

  return (
    <AlertDialog.Root open>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-[60] bg-slate-900/60 backdrop-blur-sm" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-[61] w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">
            {title}
          </AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm leading-6 text-slate-600">
            {body}
          </AlertDialog.Description>
          <div className="mt-6 flex justify-end">
            <AlertDialog.Action
              className={buttonClasses('primary')}
              onClick={() => loadPage(href(), { replace: true })}
            >
              {action}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
