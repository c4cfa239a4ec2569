'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertCircle, Eye, Info, LockKeyhole, PencilLine, ShieldAlert } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { RadioGroup } from 'radix-ui';
import { useId, useRef, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import {
  DialogContent,
  DialogFooter,
  DialogHeader,
  DialogRoot,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FieldError, Input, Label, Textarea } from '@/components/ui/field';
import { apiErrorData, errorMessage } from '@/lib/errors';
import { modeName } from '@/lib/format';
import { sessionMaxMinutes, tokenLifetimeSeconds } from '@/lib/impersonation';
import { type CustomerDetail, type LocationPolicy, useTRPC } from '@/lib/trpc';
import { ModeOption, type Mode } from './mode-option';

const maxReason = 500;

/**
 * "Impersonate": the button, or why it is unavailable (the server's own refusal, or the
 * location's policy), and the dialog that says exactly what will happen before anything does.
 */
export function ImpersonateAction({ customer }: { customer: CustomerDetail }) {
  const trpc = useTRPC();
  const refusalId = useId();
  const [open, setOpen] = useState(false);
  const policies = useQuery({ ...trpc.policies.list.queryOptions(), staleTime: 60_000 });
  const policy = policies.data?.find((entry) => entry.location.id === customer.location.id)?.policy;
  const refusal =
    customer.impersonationRefusal ??
    (policy && !policy.operatorImpersonationEnabled
      ? `Operator impersonation is turned off at ${customer.location.name}.`
      : null);

  if (refusal) {
    return (
      <div className="flex flex-col items-end gap-1.5">
        <Button variant="primary" disabled aria-describedby={refusalId}>
          <Eye aria-hidden="true" />
          Impersonate
        </Button>
        <p
          id={refusalId}
          data-testid="impersonation-refusal"
          className="flex max-w-xs items-start gap-1.5 text-right text-xs text-amber-800"
        >
          <Info aria-hidden="true" className="mt-px size-3.5 shrink-0" />
          {refusal}
        </p>
      </div>
    );
  }

  return (
    <DialogRoot open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="primary">
          <Eye aria-hidden="true" />
          Impersonate
        </Button>
      </DialogTrigger>
      {open ? (
        <ImpersonateForm customer={customer} policy={policy} onDone={() => setOpen(false)} />
      ) : null}
    </DialogRoot>
  );
}

function ImpersonateForm({
  customer,
  policy,
  onDone,
}: {
  customer: CustomerDetail;
  policy: LocationPolicy | undefined;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const ids = {
    reason: useId(),
    reasonHint: useId(),
    modeLabel: useId(),
    password: useId(),
    code: useId(),
  };
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<Mode>('READ_ONLY');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Full access needs a recent password proof; the server says when one is due.
  const [confirming, setConfirming] = useState<'password' | 'password-and-code' | null>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [proofError, setProofError] = useState<string | null>(null);
  const firstName = customer.fullName.split(/\s+/)[0] ?? customer.fullName;
  const fullAllowed = policy?.fullModeAllowed ?? true;
  const maxMinutes = Math.min(policy?.maxSessionMinutes ?? sessionMaxMinutes, sessionMaxMinutes);

  const start = useMutation(
    trpc.impersonation.start.mutationOptions({
      onSuccess: (grant, variables) => {
        // The token travels in the fragment: never sent to a server, never in a Referer or log.
        const url = `${grant.portalUrl}#token=${grant.token}`;
        window.open(url, '_blank', 'noopener,noreferrer');
        void queryClient.invalidateQueries({ queryKey: trpc.impersonation.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
        onDone();
        toast.success(`Portal opened as ${customer.fullName}`, {
          description: `${modeName(variables.mode === 'FULL' ? 'FULL' : 'READ_ONLY')} · the link works once, within ${tokenLifetimeSeconds} seconds. No new tab? Allow pop-ups for this site and try again.`,
          action: { label: 'Track', onClick: () => router.push('/impersonations') },
          duration: 8000,
        });
      },
      onError: (error) => {
        const data = apiErrorData(error);
        if (data.reason === 'reauthentication_required') {
          setConfirming('password');
          setProblem(null);
        } else if (data.field === 'reason') {
          setReasonError(errorMessage(error));
          reasonRef.current?.focus();
        } else {
          setProblem(errorMessage(error));
        }
      },
    }),
  );

  const reauthenticate = useMutation(
    trpc.session.reauthenticate.mutationOptions({
      onError: (error) => {
        const data = apiErrorData(error);
        if (data.field === 'totp' || data.reason === 'two_factor_auth_check') {
          setConfirming('password-and-code');
        }
        setProofError(errorMessage(error));
        setPassword('');
        passwordRef.current?.focus();
      },
    }),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    if (!reason.trim()) {
      setReasonError(`Enter a reason. ${firstName} can see it, and it is kept in the audit log.`);
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    if (confirming && mode === 'FULL') {
      if (!password) {
        setProofError('Enter your password.');
        passwordRef.current?.focus();
        return;
      }
      setProofError(null);
      try {
        await reauthenticate.mutateAsync({ password, totp: code.trim() || undefined });
      } catch {
        return;
      }
      setConfirming(null);
    }
    start.mutate({ coworkerId: customer.id, reason: reason.trim(), mode });
  }

  const busy = start.isPending || reauthenticate.isPending;

  return (
    <DialogContent className="max-w-xl">
      <form method="post" noValidate onSubmit={(event) => void submit(event)}>
        <DialogHeader
          title={`Impersonate ${customer.fullName}`}
          description={
            <>
              Opens the member portal in a new tab, signed in as{' '}
              <strong className="font-medium text-slate-900">{customer.fullName}</strong> at{' '}
              {customer.location.name}. You see their portal exactly as they do.
            </>
          }
        />
        <div className="space-y-5 px-6 py-5">
          {problem ? (
            <div
              role="alert"
              className="flex gap-2.5 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800"
            >
              <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              {problem}
            </div>
          ) : null}

          <fieldset>
            <legend id={ids.modeLabel} className="text-sm font-medium text-slate-800">
              Access
            </legend>
            <RadioGroup.Root
              value={mode}
              onValueChange={(value) => setMode(value as Mode)}
              aria-labelledby={ids.modeLabel}
              className="mt-2 grid gap-2 sm:grid-cols-2"
            >
              <ModeOption
                value="READ_ONLY"
                checked={mode === 'READ_ONLY'}
                icon={Eye}
                title="Read-only"
                text={`See what ${firstName} sees. Changes are blocked.`}
              />
              <ModeOption
                value="FULL"
                checked={mode === 'FULL'}
                disabled={!fullAllowed}
                icon={PencilLine}
                title="Full access"
                text={
                  fullAllowed
                    ? `Act for ${firstName}. Changes are saved, under your name.`
                    : `Not allowed at ${customer.location.name}.`
                }
              />
            </RadioGroup.Root>
            {mode === 'FULL' ? (
              <p className="mt-2 flex items-start gap-1.5 text-xs text-amber-800">
                <ShieldAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
                Full access can change {firstName}’s bookings, profile and team settings. Use it
                only when the task needs it.
              </p>
            ) : null}
          </fieldset>

          <div>
            <Label htmlFor={ids.reason}>
              Reason <span className="font-normal text-slate-500">(required)</span>
            </Label>
            <Textarea
              ref={reasonRef}
              id={ids.reason}
              aria-label="Reason"
              required
              rows={3}
              maxLength={maxReason}
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                if (reasonError && event.target.value.trim()) setReasonError(null);
              }}
              placeholder="e.g. Ticket #4521: member cannot see their invoices"
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={
                reasonError ? `${ids.reason}-error ${ids.reasonHint}` : ids.reasonHint
              }
              className="mt-1.5 resize-y"
            />
            {reasonError ? <FieldError id={`${ids.reason}-error`}>{reasonError}</FieldError> : null}
            <p
              id={ids.reasonHint}
              className="mt-1.5 flex justify-between gap-4 text-xs text-slate-500"
            >
              <span>Shown to {firstName} in their account activity and kept in the audit log.</span>
              <span aria-hidden="true" className="tabular-nums">
                {reason.length}/{maxReason}
              </span>
            </p>
          </div>

          {confirming && mode === 'FULL' ? (
            <div className="rounded-lg border border-amber-200 bg-amber-50/70 p-4">
              <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
                <LockKeyhole aria-hidden="true" className="size-4 text-amber-700" />
                Confirm it is you
              </p>
              <p className="mt-1 text-xs text-slate-600">
                Full access needs your password again when you have not entered it in the last few
                minutes.
              </p>
              <div className="mt-3 grid gap-3 sm:grid-cols-2">
                <div>
                  <Label htmlFor={ids.password}>Your password</Label>
                  <Input
                    ref={passwordRef}
                    id={ids.password}
                    // The field appears in answer to "Open portal": typing goes straight into it.
                    autoFocus
                    type="password"
                    autoComplete="current-password"
                    className="mt-1.5"
                    value={password}
                    onChange={(event) => setPassword(event.target.value)}
                    aria-invalid={proofError ? true : undefined}
                    aria-describedby={proofError ? `${ids.password}-error` : undefined}
                  />
                </div>
                {confirming === 'password-and-code' ? (
                  <div>
                    <Label htmlFor={ids.code}>Your authentication code</Label>
                    <Input
                      id={ids.code}
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      maxLength={6}
                      className="mt-1.5 font-mono tracking-widest"
                      value={code}
                      onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
                    />
                  </div>
                ) : null}
              </div>
              {proofError ? (
                <FieldError id={`${ids.password}-error`}>{proofError}</FieldError>
              ) : null}
            </div>
          ) : null}

          <div className="rounded-lg bg-slate-50 p-4 text-sm text-slate-700 ring-1 ring-slate-200">
            <p className="font-medium text-slate-900">What happens next</p>
            <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="impersonation-terms">
              <li>
                A one-time link opens the portal in a new tab. It works once, within{' '}
                {tokenLifetimeSeconds} seconds.
              </li>
              <li>
                The session lasts up to {maxMinutes} minutes, less if left idle. End it sooner from
                the portal’s banner or from Active impersonations.
              </li>
              <li>Starting, every change and the end are recorded in the audit log.</li>
            </ul>
          </div>
        </div>
        <DialogFooter>
          <Button onClick={onDone}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
            <Eye aria-hidden="true" />
            Open portal
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}
