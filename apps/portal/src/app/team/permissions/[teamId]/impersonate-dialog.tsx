'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { Eye, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LoadingRows } from '@/components/ui/skeleton';
import { rememberImpersonationReturn } from '@/lib/browser-storage';
import { describeError } from '@/lib/errors';
import { pluralize } from '@/lib/format';
import { loadPage } from '@/lib/navigation';
import { useTRPC } from '@/trpc/react';
import { MemberConsentNote, useMemberConsent } from './member-consent';
import { PasswordProof, usePasswordProof } from './password-proof';

type Viewability = inferRouterOutputs<PortalRouter>['impersonation']['viewability'];
type Mode = 'READ_ONLY' | 'FULL';

const modes: ReadonlyArray<{ value: Mode; label: string; help: string }> = [
  { value: 'READ_ONLY', label: 'Read-only', help: 'See what they see. Nothing can be changed.' },
  {
    value: 'FULL',
    label: 'Full access',
    help: 'Act on their behalf. Every change is recorded with your name.',
  },
];

/**
 * A team administrator's "view the portal as this member": mode, reason, a password when the
 * server asks for one, then the hand-off. What is allowed and required is the server's answer,
 * asked again when the dialog opens.
 */
export function ImpersonateDialog({
  memberId,
  memberName,
}: {
  memberId: number;
  memberName: string;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!busy) setOpen(next);
      }}
    >
      <Dialog.Trigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Impersonate account of ${memberName}`}>
          <Eye aria-hidden="true" className="size-4" />
          Impersonate account
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-slate-900/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl">
          <div className="flex items-start justify-between gap-4">
            <Dialog.Title className="text-lg font-semibold text-slate-900">
              View the portal as {memberName}
            </Dialog.Title>
            <Dialog.Close
              aria-label="Close"
              className="-m-1 rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
            >
              <X aria-hidden="true" className="size-5" />
            </Dialog.Close>
          </div>
          {open ? (
            <FreshTerms memberId={memberId} memberName={memberName} onBusy={setBusy} />
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function FreshTerms({
  memberId,
  memberName,
  onBusy,
}: {
  memberId: number;
  memberName: string;
  onBusy: (busy: boolean) => void;
}) {
  const trpc = useTRPC();
  const terms = useQuery({
    ...trpc.impersonation.viewability.queryOptions({ coworkerId: memberId }),
    staleTime: 0,
    gcTime: 0,
  });
  if (terms.data?.allowed) {
    return (
      <ImpersonateForm
        memberId={memberId}
        memberName={memberName}
        answer={terms.data}
        onBusy={onBusy}
        onTermsChanged={() => void terms.refetch()}
      />
    );
  }
  return (
    <Dialog.Description asChild>
      <div className="mt-4">
        {terms.data ? (
          <Alert tone="locked">{terms.data.refusal.message}</Alert>
        ) : terms.isError ? (
          <Alert tone="error">{describeError(terms.error)}</Alert>
        ) : (
          <LoadingRows rows={3} label="Checking what you may do…" />
        )}
      </div>
    </Dialog.Description>
  );
}

function ImpersonateForm({
  memberId,
  memberName,
  answer,
  onBusy,
  onTermsChanged,
}: {
  memberId: number;
  memberName: string;
  answer: Extract<Viewability, { allowed: true }>;
  onBusy: (busy: boolean) => void;
  onTermsChanged: () => void;
}) {
  const trpc = useTRPC();
  const [reason, setReason] = useState('');
  const [mode, setMode] = useState<Mode>('READ_ONLY');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [proofAsked, setProofAsked] = useState(false);
  const proof = usePasswordProof();
  const ids = { reason: useId(), reasonHelp: useId(), reasonError: useId(), modes: useId() };
  const terms = answer.modes[mode];
  const reasonRequired = terms.allowed && terms.reasonRequired;
  const full = answer.modes.FULL;
  const consent = useMemberConsent(memberId, mode, terms, onTermsChanged);
  const askProof =
    !consent.mustAsk &&
    mode === 'FULL' &&
    (proofAsked || (full.allowed && full.reauthenticationRequired));

  const start = useMutation(
    trpc.impersonation.startForTeamMember.mutationOptions({
      onSuccess: ({ token }) => {
        // Exit brings the administrator back here; the token travels in the fragment only,
        // which is never sent to a server nor put in a Referer.
        rememberImpersonationReturn(window.location.pathname);
        loadPage(`/impersonate#token=${encodeURIComponent(token)}`);
      },
      onError: (error) => {
        if (error.data?.reason === 'reauthentication_required') setProofAsked(true);
        onBusy(false);
      },
    }),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (reasonRequired && !trimmed) {
      return setReasonError(`Say why you need to view ${memberName}'s account.`);
    }
    setReasonError(null);
    if (consent.blocked) return;
    if (consent.mustAsk) {
      consent.ask.mutate({ coworkerId: memberId, reason: trimmed || undefined, mode });
      return;
    }
    onBusy(true);
    if (askProof && !(await proof.confirm())) return onBusy(false);
    setProofAsked(false);
    start.mutate({ coworkerId: memberId, reason: trimmed || undefined, mode });
  };

  const pending = start.isPending || start.isSuccess || proof.pending || consent.ask.isPending;

  return (
    <>
      <Dialog.Description className="mt-2 text-sm leading-6 text-slate-600">
        You will see the portal exactly as {memberName} does, for up to{' '}
        {pluralize(answer.sessionMinutes, 'minute')} (less when left idle for{' '}
        {pluralize(answer.idleMinutes, 'minute')}). {memberName} can see in their account activity
        that you did, when, and the reason you give.
      </Dialog.Description>

      <form
        method="post"
        onSubmit={(event) => void submit(event)}
        noValidate
        className="mt-5 space-y-5"
      >
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Access</legend>
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            {modes.map((option) => {
              const optionTerms = answer.modes[option.value];
              const help = optionTerms.allowed ? option.help : optionTerms.refusal.message;
              return (
                <label
                  key={option.value}
                  className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600"
                >
                  <input
                    type="radio"
                    name="mode"
                    value={option.value}
                    checked={mode === option.value}
                    disabled={!optionTerms.allowed}
                    onChange={() => setMode(option.value)}
                    aria-labelledby={`${ids.modes}-${option.value}-label`}
                    aria-describedby={`${ids.modes}-${option.value}`}
                    className="mt-1 accent-indigo-600 focus-visible:outline-none"
                  />
                  <span>
                    <span
                      id={`${ids.modes}-${option.value}-label`}
                      className="block text-sm font-medium text-slate-900"
                    >
                      {option.label}
                    </span>
                    <span
                      id={`${ids.modes}-${option.value}`}
                      className="block text-xs text-slate-600"
                    >
                      {help}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>

        <div>
          <label htmlFor={ids.reason} className="text-sm font-medium text-slate-700">
            Reason{' '}
            <span className="font-normal text-slate-500">
              ({reasonRequired ? 'required' : 'optional'})
            </span>
          </label>
          <textarea
            id={ids.reason}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            rows={3}
            maxLength={answer.reasonMaxLength}
            required={reasonRequired}
            aria-label="Reason"
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? ids.reasonError : ids.reasonHelp}
            placeholder="e.g. Helping with a booking problem"
            className="mt-1.5 block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 aria-invalid:ring-red-500"
          />
          {reasonError ? (
            <p id={ids.reasonError} className="mt-1.5 text-sm text-red-600">
              {reasonError}
            </p>
          ) : (
            <p id={ids.reasonHelp} className="mt-1.5 text-xs text-slate-500">
              Shown to {memberName}. At most {answer.reasonMaxLength} characters.
            </p>
          )}
        </div>

        <MemberConsentNote name={memberName} consent={consent} />

        {consent.ask.isError ? (
          <Alert tone="error">{describeError(consent.ask.error)}</Alert>
        ) : null}

        {askProof ? <PasswordProof proof={proof} focusOnShow={proofAsked} /> : null}

        {start.isError && start.error.data?.reason !== 'reauthentication_required' ? (
          <Alert tone="error">{describeError(start.error)}</Alert>
        ) : null}

        <p className="text-xs text-slate-500" data-testid="impersonation-terms">
          The link this opens works once, within {pluralize(answer.tokenSeconds, 'second')}.
        </p>

        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <Dialog.Close asChild>
            <Button variant="secondary" disabled={pending}>
              Cancel
            </Button>
          </Dialog.Close>
          <Button type="submit" pending={pending} disabled={consent.blocked}>
            {consent.mustAsk
              ? `Ask ${memberName}`
              : consent.state === 'waiting'
                ? `Waiting for ${memberName}`
                : 'Start viewing'}
          </Button>
        </div>
      </form>
    </>
  );
}
