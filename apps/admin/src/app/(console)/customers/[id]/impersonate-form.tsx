'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertCircle, Eye, PencilLine, ShieldAlert } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { RadioGroup } from 'radix-ui';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { DialogContent, DialogFooter } from '@/components/ui/dialog';
import { FieldError, Label, Textarea } from '@/components/ui/field';
import { apiErrorData, errorMessage } from '@/lib/errors';
import { modeName, pluralize } from '@/lib/format';
import { type CustomerDetail, type RouterOutputs, useTRPC } from '@/lib/trpc';
import { AccessApprovalNotice, secondApprovalOf, useOwnAccessRequest } from './access-approval';
import { consentToAsk, memberConsentOf, MemberConsentNotice } from './member-consent';
import { ModeOption, type Mode } from './mode-option';
import { PasswordProof, usePasswordProof } from './password-proof';

type Viewability = RouterOutputs['impersonation']['viewability'];

/**
 * Mode, reason and, for full access when the server asks, the operator's password: the form
 * shows what the server's answer says and nothing it decides itself.
 */
export function ImpersonateForm({
  customer,
  header,
  answer,
  onTermsChanged,
  onDone,
}: {
  customer: CustomerDetail;
  header: ReactNode;
  answer: Viewability;
  onTermsChanged: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const ids = { reason: useId(), reasonHint: useId(), modeLabel: useId() };
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [mode, setMode] = useState<Mode>('READ_ONLY');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [proofAsked, setProofAsked] = useState(false);
  const [urgent, setUrgent] = useState(false);
  const proof = usePasswordProof();
  const firstName = customer.fullName.split(/\s+/)[0] ?? customer.fullName;
  const secondApproval = secondApprovalOf(answer);
  const consent = memberConsentOf(answer, mode);
  const ownRequest = useOwnAccessRequest(
    customer.id,
    mode,
    (mode === 'FULL' && secondApproval.state !== 'not_needed') || consent.state !== 'not_needed',
    onTermsChanged,
  );
  const waitingRequest = ownRequest.data;
  useEffect(() => {
    // The reason the approver saw is the one the view starts with.
    if (waitingRequest?.reason && ['PENDING', 'APPROVED'].includes(waitingRequest.status)) {
      setReason((typed) => typed || (waitingRequest.reason ?? ''));
    }
  }, [waitingRequest]);

  const start = useMutation(
    trpc.impersonation.start.mutationOptions({
      onSuccess: (grant, variables) => {
        // The token travels in the fragment: never sent to a server, never in a Referer or log.
        const url = `${grant.portalUrl}#token=${grant.token}`;
        window.open(url, '_blank', 'noopener,noreferrer');
        void queryClient.invalidateQueries({ queryKey: trpc.impersonation.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
        onDone();
        const seconds = answer.allowed ? answer.tokenSeconds : 0;
        toast.success(`Portal opened as ${customer.fullName}`, {
          description: `${modeName(variables.mode === 'FULL' ? 'FULL' : 'READ_ONLY')} · the link works once, within ${pluralize(seconds, 'second')}. No new tab? Allow pop-ups for this site and try again.`,
          action: { label: 'Track', onClick: () => router.push('/impersonations') },
          duration: 8000,
        });
      },
      onError: (error) => {
        const data = apiErrorData(error);
        if (data.reason === 'reauthentication_required') {
          // The proof lapsed while the dialog was open: ask for it now.
          setProofAsked(true);
          setProblem(null);
        } else if (data.field === 'reason') {
          setReasonError(errorMessage(error));
          reasonRef.current?.focus();
        } else {
          setProblem(errorMessage(error));
          onTermsChanged();
        }
      },
    }),
  );

  const requestApproval = useMutation(
    trpc.accessRequests.create.mutationOptions({
      onSuccess: (request) => {
        void ownRequest.refetch();
        void queryClient.invalidateQueries({ queryKey: trpc.accessRequests.pathKey() });
        toast.success(request.needsMemberConsent ? `${firstName} asked` : 'Approval requested', {
          description: request.needsMemberConsent
            ? `${firstName} answers in the portal or from the e-mail; you are told on any page of the console.`
            : `Another ADMIN or OWNER can approve it under Approvals; you are told on any page of the console.`,
        });
      },
      onError: (error) => {
        if (apiErrorData(error).field === 'reason') {
          setReasonError(errorMessage(error));
          reasonRef.current?.focus();
        } else {
          setProblem(errorMessage(error));
          onTermsChanged();
        }
      },
    }),
  );

  if (!answer.allowed) {
    return (
      <DialogContent className="max-w-xl">
        {header}
        <p role="alert" className="px-6 py-5 text-sm text-amber-800">
          {answer.refusal.message}
        </p>
        <DialogFooter>
          <Button onClick={onDone}>Close</Button>
        </DialogFooter>
      </DialogContent>
    );
  }

  const terms = answer.modes[mode];
  const full = answer.modes.FULL;
  const reasonRequired = terms.allowed && terms.reasonRequired;
  const needsSecond = mode === 'FULL' && secondApproval.state === 'needed';
  const urgentChosen = urgent && consent.urgentAllowed;
  const consentPending = !urgentChosen && consent.state === 'waiting';
  const askMember = !urgentChosen && consentToAsk(consent.state);
  const cannotAsk = !urgentChosen && consent.state === 'cannot_be_asked';
  const needsApproval = needsSecond || askMember || consentPending;
  const waiting = consentPending || (needsSecond && ownRequest.data?.status === 'PENDING');
  const askProof =
    mode === 'FULL' &&
    !needsApproval &&
    (proofAsked || (full.allowed && full.reauthenticationRequired));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    if (reasonRequired && !reason.trim()) {
      setReasonError(`Enter a reason. ${firstName} can see it, and it is kept in the audit log.`);
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    if (needsApproval) {
      if (!waiting)
        requestApproval.mutate({ coworkerId: customer.id, reason: reason.trim(), mode });
      return;
    }
    if (cannotAsk) return;
    if (askProof && !(await proof.confirm())) return;
    setProofAsked(false);
    start.mutate({
      coworkerId: customer.id,
      reason: reason.trim() || undefined,
      mode,
      ...(urgentChosen && { urgent: true }),
    });
  }

  const busy =
    start.isPending || proof.pending || requestApproval.isPending || waiting || cannotAsk;
  const submitLabel = waiting
    ? consentPending
      ? `Waiting for ${firstName}`
      : 'Waiting for approval'
    : cannotAsk
      ? `${firstName} cannot be asked`
      : askMember
        ? `Ask ${firstName}`
        : needsApproval
          ? 'Request approval'
          : urgentChosen
            ? 'Open portal (urgent)'
            : 'Open portal';

  return (
    <DialogContent className="max-w-xl">
      <form method="post" noValidate onSubmit={(event) => void submit(event)}>
        {header}
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
                disabled={!full.allowed}
                icon={PencilLine}
                title="Full access"
                text={
                  full.allowed
                    ? `Act for ${firstName}. Changes are saved, under your name.`
                    : full.refusal.message
                }
              />
            </RadioGroup.Root>
            {mode === 'FULL' ? (
              <p className="mt-2 flex items-start gap-1.5 text-xs text-amber-800">
                <ShieldAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
                Full access can change what {firstName} can change in the portal; never who may view
                whom (team permissions stay as they are). Use it only when the task needs it.
              </p>
            ) : null}
          </fieldset>

          <div>
            <Label htmlFor={ids.reason}>
              Reason{' '}
              <span className="font-normal text-slate-500">
                ({reasonRequired ? 'required' : 'optional'})
              </span>
            </Label>
            <Textarea
              ref={reasonRef}
              id={ids.reason}
              aria-label="Reason"
              required={reasonRequired}
              rows={3}
              maxLength={answer.reasonMaxLength}
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
                {reason.length}/{answer.reasonMaxLength}
              </span>
            </p>
          </div>

          <MemberConsentNotice name={firstName} consent={consent} request={ownRequest.data} />

          {consent.urgentAllowed ? (
            <label className="flex items-start gap-2.5 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={urgent}
                onChange={(event) => setUrgent(event.target.checked)}
                className="mt-0.5 size-4 rounded border-slate-400 accent-teal-700"
              />
              <span>
                Urgent: start without asking {firstName} first.{' '}
                <span className="text-slate-600">
                  They are told afterwards that it was urgent; use it only when it cannot wait.
                </span>
              </span>
            </label>
          ) : null}

          {mode === 'FULL' ? (
            <AccessApprovalNotice
              state={secondApproval.state}
              approvedBy={secondApproval.approvedBy}
              request={ownRequest.data}
            />
          ) : null}

          {askProof ? <PasswordProof proof={proof} focusOnShow={proofAsked} /> : null}

          <div className="rounded-lg bg-slate-50 p-4 text-sm text-slate-700 ring-1 ring-slate-200">
            <p className="font-medium text-slate-900">What happens next</p>
            <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="impersonation-terms">
              <li>
                A one-time link opens the portal in a new tab. It works once, within{' '}
                {pluralize(answer.tokenSeconds, 'second')}.
              </li>
              <li>
                The session lasts up to {pluralize(answer.sessionMinutes, 'minute')}, and ends after{' '}
                {pluralize(answer.idleMinutes, 'minute')} left idle. End it sooner from the portal’s
                banner or from Active impersonations.
              </li>
              <li>Starting, every change and the end are recorded in the audit log.</li>
            </ul>
          </div>
        </div>
        <DialogFooter>
          <Button onClick={onDone}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
            <Eye aria-hidden="true" />
            {submitLabel}
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}
