'use client';

import { useQuery } from '@tanstack/react-query';
import { Eye, Info } from 'lucide-react';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DialogContent, DialogHeader, DialogRoot, DialogTrigger } from '@/components/ui/dialog';
import { LoadingBlock } from '@/components/ui/states';
import { type CustomerDetail, useTRPC } from '@/lib/trpc';
import { ImpersonateForm } from './impersonate-form';

/**
 * "Impersonate": the button, or the server's reason why it is unavailable, and the dialog that
 * says exactly what will happen before anything does. Every rule and limit shown here is the
 * server's answer (`impersonation.viewability`), asked again each time the dialog opens.
 */
export function ImpersonateAction({ customer }: { customer: CustomerDetail }) {
  const refusalId = useId();
  const [open, setOpen] = useState(false);
  const answer = customer.impersonation;

  if (!answer.allowed) {
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
          {answer.refusal.message}
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
      {open ? <FreshTerms customer={customer} onDone={() => setOpen(false)} /> : null}
    </DialogRoot>
  );
}

/** The dialog's terms as of now: a policy or a password proof may have changed since the page loaded. */
function FreshTerms({ customer, onDone }: { customer: CustomerDetail; onDone: () => void }) {
  const trpc = useTRPC();
  const terms = useQuery({
    ...trpc.impersonation.viewability.queryOptions({ coworkerId: customer.id }),
    staleTime: 0,
    gcTime: 0,
  });
  const header = (
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
  );
  if (!terms.data) {
    return (
      <DialogContent className="max-w-xl">
        {header}
        <div className="px-6 py-5">
          {terms.isError ? (
            <p role="alert" className="text-sm text-red-800">
              The terms of this impersonation could not be loaded. Close this dialog and try again.
            </p>
          ) : (
            <LoadingBlock label="Checking what you may do" lines={4} />
          )}
        </div>
      </DialogContent>
    );
  }
  return (
    <ImpersonateForm
      customer={customer}
      header={header}
      answer={terms.data}
      onTermsChanged={() => void terms.refetch()}
      onDone={onDone}
    />
  );
}
