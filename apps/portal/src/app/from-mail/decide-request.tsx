'use client';

import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { ShieldQuestion } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { keepMailLinkForSignIn } from '@/lib/browser-storage';
import { describeError } from '@/lib/errors';
import { formatDateTime, modeLabel } from '@/lib/format';
import { useTRPCClient } from '@/trpc/react';
import { DoneIcon, Heading, Panel } from './panel';

type Outputs = inferRouterOutputs<PortalRouter>['mailLinks'];
type DecideRequestLink = Extract<Outputs['describe'], { purpose: 'decide_access_request' }>;
type Decision = 'APPROVED' | 'DENIED';

const closed = {
  approved: 'You already agreed to this request.',
  denied: 'You already declined this request.',
  closed: 'This request is no longer waiting for you: nothing started.',
} as const;

/**
 * The e-mail's "Approve or deny": who asks, from where, why and how. "Deny" works from the link
 * alone; "Approve" only signed in as the member (the server decides), so the page offers to
 * sign in first and comes back here, the link kept in this tab's storage, never in an address.
 */
export function DecideRequest({
  link,
  token,
  onLinkRefused,
}: {
  link: DecideRequestLink;
  token: string;
  onLinkRefused: (error: unknown) => boolean;
}) {
  const client = useTRPCClient();
  const [sending, setSending] = useState<Decision | null>(null);
  const [done, setDone] = useState<Outputs['decideAccessRequest'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const who = `${link.requesterName} (${link.requesterRole.toLowerCase()} at ${link.locationName})`;

  const decide = (decision: Decision) => {
    setSending(decision);
    setError(null);
    client.mailLinks.decideAccessRequest
      .mutate({ token, decision })
      .then(setDone)
      .catch((failure: unknown) => {
        setSending(null);
        if (!onLinkRefused(failure)) setError(describeError(failure));
      });
  };

  const facts = (
    <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
      <dt className="font-medium text-slate-600">Who</dt>
      <dd className="text-slate-900">{who}</dd>
      <dt className="font-medium text-slate-600">Access</dt>
      <dd className="text-slate-900">{modeLabel(link.mode)}</dd>
      <dt className="font-medium text-slate-600">Why</dt>
      <dd className="text-slate-900">{link.reason ?? 'No reason given'}</dd>
      <dt className="font-medium text-slate-600">Answer by</dt>
      <dd className="text-slate-900">{formatDateTime(link.answerBy)}</dd>
    </dl>
  );

  if (done || link.answer !== 'waiting') {
    const text = done
      ? done.answer === 'denied'
        ? `You declined. ${link.requesterName} is told, and nothing starts.`
        : done.waitingForSecondApproval
          ? `You agreed. The view still waits for a second approval by the staff of ${link.locationName}.`
          : `You agreed. ${link.requesterName} can open your account once, soon; you are told when they do.`
      : closed[link.answer as keyof typeof closed];
    return (
      <Panel icon={<DoneIcon />}>
        <Heading>{done ? 'Thank you' : 'Nothing to answer'}</Heading>
        <p className="mt-3 text-slate-700" data-testid="decide-outcome">
          {text}
        </p>
        {facts}
      </Panel>
    );
  }

  return (
    <Panel
      icon={
        <ShieldQuestion
          aria-hidden="true"
          className="size-10 rounded-full bg-indigo-50 p-2 text-indigo-600"
        />
      }
    >
      <Heading>{link.requesterName} asks to view your account</Heading>
      <p className="mt-2 text-slate-600">
        Hello {link.memberName}. Your location asks you first: nobody views your account unless you
        agree, and your yes works once.
      </p>
      {facts}
      {error ? (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      ) : null}
      {link.signedInAsMember ? null : (
        <p className="mt-6 text-sm text-slate-700" data-testid="sign-in-to-approve">
          To approve, sign in as yourself first: a link in an e-mail can be forwarded, so on its own
          it can only say no.
        </p>
      )}
      <div className="mt-4 flex flex-col gap-3 sm:flex-row">
        {link.signedInAsMember ? (
          <Button
            pending={sending === 'APPROVED'}
            disabled={sending !== null}
            onClick={() => decide('APPROVED')}
          >
            Approve
          </Button>
        ) : (
          <Link
            href="/sign-in?next=%2Ffrom-mail"
            onClick={() => keepMailLinkForSignIn(token)}
            className={buttonClasses('primary')}
          >
            Sign in to approve
          </Link>
        )}
        <Button
          variant="secondary"
          pending={sending === 'DENIED'}
          disabled={sending !== null}
          onClick={() => decide('DENIED')}
        >
          Deny
        </Button>
      </div>
    </Panel>
  );
}
