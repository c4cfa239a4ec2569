import type { PortalRouter } from '@hotdesk/api';
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import superjson from 'superjson';
import { sessionFingerprint, type PortalSession } from '@/lib/session';

/** Fired when a mutation was stopped because the session behind the page changed. */
export const SESSION_CHANGED_EVENT = 'hotdesk:session-changed';

export class SessionChangedError extends Error {
  override readonly name = 'SessionChangedError';
}

// These change who the cookie belongs to by design, or end a session: they may run whoever
// the page was rendered for. (The landing's preview of a link changes nothing at all; an
// e-mail's link acts as the member it names, whoever holds the cookie.)
const identityChanging = new Set([
  'session.signIn',
  'session.signOut',
  'impersonation.preview',
  'impersonation.exchange',
  'impersonation.exit',
  'mailLinks.describe',
  'mailLinks.reportView',
]);

async function currentFingerprint(): Promise<string> {
  const response = await fetch('/api/trpc/me', { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw new Error(`Could not check the session (${response.status}).`);
  const body = (await response.json()) as {
    result: { data: Parameters<typeof superjson.deserialize>[0] };
  };
  return sessionFingerprint(superjson.deserialize<PortalSession | null>(body.result.data));
}

/**
 * Cookies are shared by every tab. If another tab switched profile, or an impersonation ended
 * and the team administrator's own session took over again underneath it, a form still on
 * screen would act as someone else. So before each mutation the link checks that the cookie
 * still belongs to the identity the page was rendered for, and refuses otherwise.
 */
export function sessionGuardLink(expectedFingerprint: () => string | null): TRPCLink<PortalRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let subscription: Unsubscribable | undefined;
        let cancelled = false;
        const expected = expectedFingerprint();
        const guarded =
          op.type === 'mutation' && expected !== null && !identityChanging.has(op.path);

        const forward = () => {
          if (!cancelled) subscription = next(op).subscribe(observer);
        };
        if (!guarded) {
          forward();
        } else {
          currentFingerprint()
            .then((actual) => {
              if (cancelled) return;
              if (actual === expected) return forward();
              window.dispatchEvent(new Event(SESSION_CHANGED_EVENT));
              observer.error(
                TRPCClientError.from(
                  new SessionChangedError(
                    'Your session changed in another tab, so nothing was saved. Reload the page to continue.',
                  ),
                ),
              );
            })
            .catch((error: unknown) => {
              if (!cancelled) observer.error(TRPCClientError.from(error as Error));
            });
        }
        return () => {
          cancelled = true;
          subscription?.unsubscribe();
        };
      });
}
