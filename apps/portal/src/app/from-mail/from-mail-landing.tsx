'use client';

import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { Flag, Link2Off, Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ReportWordsField } from '@/components/report-words-field';
import { usePortalSession } from '@/components/session-context';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { takeMailLinkAfterSignIn } from '@/lib/browser-storage';
import { describeError, isPortalClientError } from '@/lib/errors';
import { formatDateTime, modeLabel } from '@/lib/format';
import { useTRPCClient } from '@/trpc/react';
import { DecideRequest } from './decide-request';
import { DoneIcon, Heading, Panel } from './panel';

type Outputs = inferRouterOutputs<PortalRouter>['mailLinks'];
type ReportViewLink = Extract<Outputs['describe'], { purpose: 'report_view' }>;
type DecideRequestLink = Extract<Outputs['describe'], { purpose: 'decide_access_request' }>;
type Outcome = Outputs['reportView'];

type State =
  | { step: 'reading' }
  | { step: 'missing' }
  | { step: 'refused'; used: boolean; message: string }
  | { step: 'failed'; message: string }
  | { step: 'ready'; link: ReportViewLink }
  | { step: 'decide'; link: DecideRequestLink }
  | { step: 'done'; link: ReportViewLink; outcome: Outcome };

/**
 * Reads the token from `#…` and removes it from the address bar (and so from history) at once;
 * back from signing in, from this tab's storage, where the page left it.
 */
function takeTokenFromFragment(): string | null {
  const token = window.location.hash.slice(1);
  window.history.replaceState(window.history.state, '', window.location.pathname);
  return token || takeMailLinkAfterSignIn();
}

/** A refusal of the link itself (not valid any more, or used) as the page tells it. */
function refusalOf(error: unknown): State | null {
  const reason = isPortalClientError(error) ? error.data?.reason : null;
  if (reason !== 'mail_link_invalid' && reason !== 'mail_link_used') return null;
  return { step: 'refused', used: reason === 'mail_link_used', message: describeError(error) };
}

const failureOf = (error: unknown): State =>
  refusalOf(error) ?? { step: 'failed', message: describeError(error) };

/**
 * The page a link in an e-mail opens. The token lives in the fragment, so it never reaches a
 * server log; here it is read once, kept in memory only, and sent in request bodies: first to
 * ask what the link is about (which changes nothing), then, when the member presses the
 * button, to act on it.
 */
export function FromMailLanding({ wordsMaxLength }: { wordsMaxLength: number }) {
  const client = useTRPCClient();
  const [state, setState] = useState<State>({ step: 'reading' });
  const token = useRef<string | null>(null);
  const started = useRef(false);

  const describe = useCallback(() => {
    if (!token.current) return setState({ step: 'missing' });
    setState({ step: 'reading' });
    client.mailLinks.describe
      .mutate({ token: token.current })
      .then((link) =>
        setState(
          link.purpose === 'decide_access_request'
            ? { step: 'decide', link }
            : { step: 'ready', link },
        ),
      )
      .catch((error: unknown) => setState(failureOf(error)));
  }, [client]);

  useEffect(() => {
    // Once only: React may run effects twice in development, and the fragment is gone after.
    if (started.current) return;
    started.current = true;
    token.current = takeTokenFromFragment();
    describe();
  }, [describe]);

  switch (state.step) {
    case 'reading':
      return (
        <Panel
          icon={<Loader2 aria-hidden="true" className="size-8 animate-spin text-indigo-600" />}
        >
          <Heading focus={false}>Loading…</Heading>
          <p className="mt-2 text-slate-600">Reading the link from your e-mail.</p>
        </Panel>
      );
    case 'missing':
      return (
        <Unusable title="This link is incomplete">
          The address has lost the part that says what it is for (some mail programs cut long
          links). Open the link from the e-mail again, or sign in and use Account activity.
        </Unusable>
      );
    case 'refused':
      return (
        <Unusable title={state.used ? 'This link has been used' : 'This link cannot be used'}>
          {state.message}
        </Unusable>
      );
    case 'failed':
      return (
        <Unusable title="Hotdesk could not answer" retry={describe}>
          {state.message}
        </Unusable>
      );
    case 'ready':
      return (
        <ReportViewForm
          link={state.link}
          token={token.current ?? ''}
          wordsMaxLength={wordsMaxLength}
          onDone={(outcome) => setState({ step: 'done', link: state.link, outcome })}
          onRefused={(next) => setState(next)}
        />
      );
    case 'decide':
      return (
        <DecideRequest
          link={state.link}
          token={token.current ?? ''}
          onLinkRefused={(error) => {
            const refused = refusalOf(error);
            if (refused) setState(refused);
            return refused !== null;
          }}
        />
      );
    case 'done':
      return <Reported link={state.link} outcome={state.outcome} />;
  }
}

function AccountActivityLink({ variant }: { variant: 'primary' | 'secondary' }) {
  const { session } = usePortalSession();
  const signedIn = session != null && !session.impersonation;
  return (
    <Link
      href={signedIn ? '/account/activity' : '/sign-in?next=%2Faccount%2Factivity'}
      className={buttonClasses(variant)}
    >
      {signedIn ? 'Open Account activity' : 'Sign in and open Account activity'}
    </Link>
  );
}

function Unusable({
  title,
  children,
  retry,
}: {
  title: string;
  children: ReactNode;
  retry?: () => void;
}) {
  return (
    <Panel
      icon={
        <Link2Off aria-hidden="true" className="size-10 rounded-full bg-red-50 p-2 text-red-600" />
      }
    >
      <Heading>{title}</Heading>
      <p className="mt-3 text-slate-700">{children}</p>
      <div className="mt-6 flex flex-col gap-3 sm:flex-row">
        {retry ? <Button onClick={retry}>Try again</Button> : null}
        <AccountActivityLink variant={retry ? 'secondary' : 'primary'} />
      </div>
    </Panel>
  );
}

function viewerOf(link: ReportViewLink) {
  return `${link.viewerName} (${link.viewerRole.toLowerCase()} at ${link.locationName})`;
}

/** Who viewed the member's account, from where, when and how. */
function ViewFacts({ link }: { link: ReportViewLink }) {
  return (
    <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
      <dt className="font-medium text-slate-600">Who</dt>
      <dd className="text-slate-900">{viewerOf(link)}</dd>
      <dt className="font-medium text-slate-600">Access</dt>
      <dd className="text-slate-900">{modeLabel(link.mode)}</dd>
      <dt className="font-medium text-slate-600">Started</dt>
      <dd className="text-slate-900">{link.startedAt ? formatDateTime(link.startedAt) : '—'}</dd>
      <dt className="font-medium text-slate-600">Ended</dt>
      <dd className="text-slate-900">
        {link.live ? 'Still going' : link.endedAt ? formatDateTime(link.endedAt) : '—'}
      </dd>
      <dt className="font-medium text-slate-600">Why</dt>
      <dd className="text-slate-900">{link.reason ?? 'No reason given'}</dd>
    </dl>
  );
}

function ReportViewForm({
  link,
  token,
  wordsMaxLength,
  onDone,
  onRefused,
}: {
  link: ReportViewLink;
  token: string;
  wordsMaxLength: number;
  onDone: (outcome: Outcome) => void;
  onRefused: (state: State) => void;
}) {
  const client = useTRPCClient();
  const [words, setWords] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);

  if (link.alreadyReported) {
    return <Reported link={link} outcome={{ alreadyReported: true, viewEnded: false }} />;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    client.mailLinks.reportView
      .mutate({ token, words: words.trim() || undefined })
      .then(onDone)
      .catch((failure: unknown) => {
        setSending(false);
        const refused = refusalOf(failure);
        if (refused) return onRefused(refused);
        const field = isPortalClientError(failure) ? (failure.data?.field ?? null) : null;
        setError({ message: describeError(failure), field });
      });
  };

  return (
    <Panel
      icon={<Flag aria-hidden="true" className="size-10 rounded-full bg-red-50 p-2 text-red-600" />}
    >
      <Heading>
        {link.live
          ? `${link.viewerName} is viewing your account`
          : `${link.viewerName} viewed your account`}
      </Heading>
      <p className="mt-2 text-slate-600">
        Hello {link.memberName}. This is what the e-mail was about:
      </p>
      <ViewFacts link={link} />
      <form method="post" onSubmit={submit} noValidate className="mt-6 space-y-5">
        <p className="text-sm text-slate-700">
          If you did not expect this,{' '}
          {link.live ? 'the view ends as soon as you press the button, and ' : ''}the staff who
          manage {link.locationName} are told, with who viewed your account, when and why.
        </p>
        <ReportWordsField
          value={words}
          onChange={setWords}
          wordsMaxLength={wordsMaxLength}
          invalid={error?.field === 'words'}
        />
        {error ? <Alert tone="error">{error.message}</Alert> : null}
        <Button type="submit" variant="danger" pending={sending}>
          I did not expect this
        </Button>
      </form>
    </Panel>
  );
}

function Reported({
  link,
  outcome,
}: {
  link: ReportViewLink;
  outcome: Pick<Outcome, 'alreadyReported' | 'viewEnded'>;
}) {
  const told = `staff at ${link.locationName} have been told`;
  const text = outcome.alreadyReported
    ? `You already reported this view; ${told}.`
    : outcome.viewEnded
      ? `The view has been ended and ${told}.`
      : `Your report was sent and ${told}.`;
  return (
    <Panel icon={<DoneIcon />}>
      <Heading>{outcome.alreadyReported ? 'You already reported this view' : 'Thank you'}</Heading>
      <p className="mt-3 text-slate-700">{text}</p>
      <ViewFacts link={link} />
      <div className="mt-6">
        <AccountActivityLink variant="secondary" />
      </div>
    </Panel>
  );
}
