'use client';

import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { Eye, Link2Off, Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { usePortalSession } from '@/components/session-context';
import { Button, buttonClasses } from '@/components/ui/button';
import { errorCode } from '@/lib/errors';
import { modeLabel } from '@/lib/format';
import { loadPage } from '@/lib/navigation';
import { useTRPCClient } from '@/trpc/react';

type Preview = Extract<
  inferRouterOutputs<PortalRouter>['impersonation']['preview'],
  { status: 'ready' }
>;

type State =
  | { step: 'checking' }
  | { step: 'confirm'; preview: Preview }
  | { step: 'opening'; preview: Preview }
  | { step: 'unusable' | 'missing' | 'failed' | 'other-browser' };

/** Reads `#token=…` and removes it from the address bar (and so from history) at once. */
function takeTokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  window.history.replaceState(window.history.state, '', window.location.pathname);
  return token;
}

const failureStep = (error: unknown) =>
  errorCode(error) === 'UNAUTHORIZED' ? ('unusable' as const) : ('failed' as const);

/** Spends the token: the impersonated session's cookie is set, then the member's portal opens. */
function redeem(
  client: ReturnType<typeof useTRPCClient>,
  token: string,
  preview: Preview,
  setState: (state: State) => void,
) {
  setState({ step: 'opening', preview });
  client.impersonation.exchange
    .mutate({ token })
    .then(() => loadPage('/', { replace: true }))
    .catch((error: unknown) => setState({ step: failureStep(error) }));
}

/**
 * Where the admin app (in a new tab) and a team administrator (in the same tab) hand over a
 * one-time token. The page first asks the server what the link would open, without spending
 * it, and shows who will be viewed and by whom. A browser already signed in to the portal
 * must confirm with a click (the server says when); then the token is exchanged in a request
 * body for the impersonated session's cookie, and the member's portal opens.
 */
export function ImpersonateLanding() {
  const client = useTRPCClient();
  const [state, setState] = useState<State>({ step: 'checking' });
  // Only in memory: the token never goes to storage, the URL or the server before it is used.
  const token = useRef<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // Once only: the token is single-use, and React may run effects twice in development.
    if (started.current) return;
    started.current = true;
    const taken = takeTokenFromFragment();
    token.current = taken;
    if (!taken) return setState({ step: 'missing' });
    client.impersonation.preview
      .mutate({ token: taken })
      .then((preview) => {
        if (preview.status === 'other-browser') return setState({ step: 'other-browser' });
        if (preview.confirmationRequired) return setState({ step: 'confirm', preview });
        redeem(client, taken, preview, setState);
      })
      .catch((error: unknown) => setState({ step: failureStep(error) }));
  }, [client]);

  if (state.step === 'checking' || state.step === 'opening') {
    return (
      <section
        className="mx-auto flex max-w-md flex-col items-center px-6 py-24 text-center"
        aria-live="polite"
      >
        <Loader2 aria-hidden="true" className="size-8 animate-spin text-indigo-600" />
        <h1 className="mt-4 text-xl font-semibold tracking-tight">
          {state.step === 'opening'
            ? `Opening ${state.preview.targetName}’s portal…`
            : 'Checking the link…'}
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          {state.step === 'opening'
            ? `As ${state.preview.actorName} (${viewerRole(state.preview)}), ${modeLabel(state.preview.mode).toLowerCase()}.`
            : 'Making sure it is valid before anything changes.'}
        </p>
      </section>
    );
  }
  if (state.step === 'confirm') {
    const { preview } = state;
    return (
      <Confirmation
        preview={preview}
        onContinue={() => redeem(client, token.current ?? '', preview, setState)}
      />
    );
  }
  return <Unusable step={state.step} />;
}

function viewerRole(preview: Preview) {
  return preview.kind === 'TEAM_ADMIN' ? 'team administrator' : `staff at ${preview.locationName}`;
}

function Confirmation({ preview, onContinue }: { preview: Preview; onContinue: () => void }) {
  const { session } = usePortalSession();
  const current = session?.impersonation
    ? `viewing the portal as ${session.profile?.fullName ?? 'a member'}`
    : `signed in as ${session?.profile?.fullName ?? 'someone'}`;
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);

  return (
    <section aria-labelledby="confirm-heading" className="mx-auto max-w-lg px-6 py-20">
      <div className="rounded-xl border border-amber-300 bg-white p-8 shadow-sm">
        <Eye aria-hidden="true" className="size-10 rounded-full bg-amber-50 p-2 text-amber-700" />
        <h1
          id="confirm-heading"
          ref={ref}
          tabIndex={-1}
          className="mt-4 text-2xl font-semibold tracking-tight focus:outline-none"
        >
          View {preview.targetName}’s portal?
        </h1>
        <p className="mt-3 text-slate-700">
          This link opens the member portal of <strong>{preview.targetName}</strong> (
          {preview.locationName}) as <strong>{preview.actorName}</strong>, {viewerRole(preview)},
          sees it: {modeLabel(preview.mode).toLowerCase()}.
        </p>
        {preview.reason ? (
          <p className="mt-2 text-sm text-slate-600">Reason given: “{preview.reason}”</p>
        ) : null}
        <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
          This browser is {current}. Continuing replaces that here until the view ends. Only
          continue if you are {preview.actorName} and meant to open this link.
        </p>
        <div className="mt-6 flex flex-col gap-3 sm:flex-row">
          <Button onClick={onContinue}>Continue to {preview.targetName}’s portal</Button>
          <Link href="/" className={buttonClasses('secondary')}>
            Cancel
          </Link>
        </div>
      </div>
    </section>
  );
}

function Unusable({ step }: { step: 'unusable' | 'missing' | 'failed' | 'other-browser' }) {
  const { adminUrl } = usePortalSession();
  const explanation = {
    missing:
      'This address does not contain an access link. Start again from the admin app or your team page.',
    failed:
      'Hotdesk could not be reached to open it. Start again from the admin app or your team page.',
    unusable:
      'The link has expired, has already been used, or was revoked. Links to view a member’s portal work once, and only for a short time. Start again from the admin app or your team page.',
    'other-browser':
      'A team administrator’s link opens only in the browser where they are signed in and created it. Nothing was opened here.',
  }[step];

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
