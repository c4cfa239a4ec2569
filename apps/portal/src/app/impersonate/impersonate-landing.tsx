'use client';

import { Link2Off, Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { usePortalSession } from '@/components/session-context';
import { buttonClasses } from '@/components/ui/button';
import { errorCode } from '@/lib/errors';
import { loadPage } from '@/lib/navigation';
import { useTRPCClient } from '@/trpc/react';

type State = 'exchanging' | 'unusable' | 'missing' | 'failed';

/** Reads `#token=…` and removes it from the address bar (and so from history) at once. */
function takeTokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  window.history.replaceState(window.history.state, '', window.location.pathname);
  return token;
}

/**
 * Where the admin app (in a new tab) and a team administrator (in the same tab) hand over a
 * one-time token. It is exchanged in a request body for the impersonated session's cookie;
 * then the member's portal opens.
 */
export function ImpersonateLanding() {
  const client = useTRPCClient();
  const { adminUrl } = usePortalSession();
  const [state, setState] = useState<State>('exchanging');
  const started = useRef(false);

  useEffect(() => {
    // Once only: the token is single-use, and React may run effects twice in development.
    if (started.current) return;
    started.current = true;
    const token = takeTokenFromFragment();
    if (!token) {
      setState('missing');
      return;
    }
    client.impersonation.exchange
      .mutate({ token })
      .then(() => loadPage('/', { replace: true }))
      .catch((error: unknown) =>
        setState(errorCode(error) === 'UNAUTHORIZED' ? 'unusable' : 'failed'),
      );
  }, [client]);

  if (state === 'exchanging') {
    return (
      <section
        className="mx-auto flex max-w-md flex-col items-center px-6 py-24 text-center"
        aria-live="polite"
      >
        <Loader2 aria-hidden="true" className="size-8 animate-spin text-indigo-600" />
        <h1 className="mt-4 text-xl font-semibold tracking-tight">
          Opening the member&apos;s portal…
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          Checking the link and starting a secure session.
        </p>
      </section>
    );
  }

  const explanation =
    state === 'missing'
      ? 'This address does not contain an access link. Start again from the admin app or your team page.'
      : state === 'failed'
        ? 'Hotdesk could not be reached to open it. Start again from the admin app or your team page.'
        : 'The link has expired, has already been used, or was revoked. Links to view a member’s portal work once, and only for a short time. Start again from the admin app or your team page.';

  return (
    <section aria-labelledby="unusable-heading" className="mx-auto max-w-lg px-6 py-20">
      <div className="rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <Link2Off
          aria-hidden="true"
          className="mx-auto size-10 rounded-full bg-red-50 p-2 text-red-600"
        />
        <h1 id="unusable-heading" className="mt-4 text-2xl font-semibold tracking-tight">
          This link can&apos;t be used
        </h1>
        <p className="mt-3 text-slate-600">{explanation}</p>
        <div className="mt-6 flex flex-col items-center justify-center gap-3 sm:flex-row">
          <Link href="/" className={buttonClasses('primary')}>
            Back to the portal
          </Link>
          <a href={adminUrl} className={buttonClasses('secondary')}>
            Staff: open the admin app
          </a>
        </div>
      </div>
    </section>
  );
}
