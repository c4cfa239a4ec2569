'use client';

import { useMutation } from '@tanstack/react-query';
import { Eye, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { rememberImpersonationReturn } from '@/lib/browser-storage';
import { describeError } from '@/lib/errors';
import { loadPage } from '@/lib/navigation';
import { useTRPC } from '@/trpc/react';

const modes = [
  {
    value: 'read-only',
    label: 'Read-only',
    help: 'See what they see. Nothing can be changed.',
  },
  {
    value: 'full',
    label: 'Full access',
    help: 'Act on their behalf. Every change is recorded with your name.',
  },
] as const;

type Mode = (typeof modes)[number]['value'];

/** A team administrator's "view the portal as this member": reason, mode, then the hand-off. */
export function ImpersonateDialog({
  memberId,
  memberName,
}: {
  memberId: number;
  memberName: string;
}) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [mode, setMode] = useState<Mode>('read-only');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const ids = { reason: useId(), reasonHelp: useId(), reasonError: useId() };

  const start = useMutation(
    trpc.impersonation.startForTeamMember.mutationOptions({
      onSuccess: ({ token }) => {
        // Exit brings the administrator back here; the token travels in the fragment only,
        // which is never sent to a server nor put in a Referer.
        rememberImpersonationReturn(window.location.pathname);
        loadPage(`/impersonate#token=${encodeURIComponent(token)}`);
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) return setReasonError(`Say why you need to view ${memberName}'s account.`);
    if (trimmed.length > 500) return setReasonError('Use at most 500 characters.');
    setReasonError(null);
    start.mutate({ coworkerId: memberId, reason: trimmed, mode });
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (start.isPending || start.isSuccess) return;
        setOpen(next);
        if (!next) {
          start.reset();
          setReasonError(null);
        }
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
          <Dialog.Description className="mt-2 text-sm leading-6 text-slate-600">
            You will see the portal exactly as {memberName} does, for up to an hour. {memberName}{' '}
            can see in their account activity that you did, when, and the reason you give.
          </Dialog.Description>

          <form onSubmit={submit} noValidate className="mt-5 space-y-5">
            <div>
              <label htmlFor={ids.reason} className="text-sm font-medium text-slate-700">
                Reason
              </label>
              <textarea
                id={ids.reason}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                rows={3}
                maxLength={500}
                required
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
                  Shown to {memberName}.
                </p>
              )}
            </div>

            <fieldset>
              <legend className="text-sm font-medium text-slate-700">Access</legend>
              <div className="mt-2 grid gap-3 sm:grid-cols-2">
                {modes.map((option) => (
                  <label
                    key={option.value}
                    className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600"
                  >
                    <input
                      type="radio"
                      name="mode"
                      value={option.value}
                      checked={mode === option.value}
                      onChange={() => setMode(option.value)}
                      aria-labelledby={`${ids.reason}-${option.value}-label`}
                      aria-describedby={`${ids.reason}-${option.value}`}
                      className="mt-1 accent-indigo-600 focus-visible:outline-none"
                    />
                    <span>
                      <span
                        id={`${ids.reason}-${option.value}-label`}
                        className="block text-sm font-medium text-slate-900"
                      >
                        {option.label}
                      </span>
                      <span
                        id={`${ids.reason}-${option.value}`}
                        className="block text-xs text-slate-500"
                      >
                        {option.help}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>

            {start.isError ? <Alert tone="error">{describeError(start.error)}</Alert> : null}

            <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
              <Dialog.Close asChild>
                <Button variant="secondary" disabled={start.isPending || start.isSuccess}>
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" pending={start.isPending || start.isSuccess}>
                Start viewing
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
