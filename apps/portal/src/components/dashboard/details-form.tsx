'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { usePortalSession, useReadOnly } from '../session-context';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Card } from '../ui/card';

const inputClasses =
  'mt-1.5 block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:ring-red-500';

/** The current profile's own details. The mutation read-only impersonations may not make. */
export function DetailsForm({
  fullName,
  companyName,
}: {
  fullName: string;
  companyName: string | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const readOnly = useReadOnly();
  const { session } = usePortalSession();
  const [name, setName] = useState(fullName);
  const [company, setCompany] = useState(companyName ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const ids = { name: useId(), company: useId(), nameError: useId(), readOnly: useId() };

  const save = useMutation(
    trpc.profiles.updateDetails.mutationOptions({
      onSuccess: () => {
        toast.success('Your details were saved.');
        router.refresh();
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setNameError('Enter your full name.');
    if (trimmed.length > 120) return setNameError('Use at most 120 characters.');
    setNameError(null);
    save.mutate({ fullName: trimmed, companyName: company.trim() });
  };

  return (
    <Card title="Your details" description="How you appear to your location and your team.">
      <form onSubmit={submit} noValidate className="space-y-4">
        {readOnly ? (
          <Alert tone="locked" id={ids.readOnly} title="Read-only view">
            {session?.impersonation?.actorName ?? 'The viewer'} is viewing this account in read-only
            mode, so these details cannot be changed.
          </Alert>
        ) : null}
        <fieldset disabled={readOnly || save.isPending} className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={ids.name} className="text-sm font-medium text-slate-700">
              Full name
            </label>
            <input
              id={ids.name}
              name="fullName"
              autoComplete="name"
              value={name}
              maxLength={120}
              onChange={(event) => setName(event.target.value)}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? ids.nameError : undefined}
              className={inputClasses}
            />
            {nameError ? (
              <p id={ids.nameError} className="mt-1.5 text-sm text-red-600">
                {nameError}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor={ids.company} className="text-sm font-medium text-slate-700">
              Company
            </label>
            <input
              id={ids.company}
              name="companyName"
              autoComplete="organization"
              value={company}
              maxLength={120}
              placeholder="Optional"
              onChange={(event) => setCompany(event.target.value)}
              className={inputClasses}
            />
          </div>
        </fieldset>
        {save.isError ? <Alert tone="error">{describeError(save.error)}</Alert> : null}
        <div className="flex justify-end">
          <Button
            type="submit"
            pending={save.isPending}
            disabled={readOnly}
            aria-describedby={readOnly ? ids.readOnly : undefined}
          >
            Save changes
          </Button>
        </div>
      </form>
    </Card>
  );
}
