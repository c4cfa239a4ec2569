'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Check, X } from 'lucide-react';
import { toast } from 'sonner';

import { describeError } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';

import { Button } from './ui/button';

export type ConsentAnswer = 'waiting' | 'approved' | 'denied' | 'closed';

const answered: Record<Exclude<ConsentAnswer, 'waiting'>, string> = {
  approved: 'You agreed.',
  denied: 'You declined.',
  closed: 'No answer in time: nothing started.',
};

/**
 * The member's answer to a request to view their account: Approve and Deny while it waits for
 * them, what they answered after. The server decides who may answer (only the member, signed in
 * as themself); a refused answer changes nothing.
 */
export function ConsentAnswerButtons({
  requestId,
  answer,
}: {
  requestId: string;
  answer: ConsentAnswer;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = {
    onSettled: () => queryClient.invalidateQueries(trpc.notifications.list.queryFilter()),
    onError: (error: Parameters<typeof describeError>[0]) => toast.error(describeError(error)),
  };
  const approve = useMutation(
    trpc.accessRequests.approve.mutationOptions({
      ...options,
      onSuccess: () => toast.success('You agreed: they can open your account once, soon.'),
    }),
  );
  const deny = useMutation(
    trpc.accessRequests.deny.mutationOptions({
      ...options,
      onSuccess: () => toast.success('You declined: they are told, and nothing starts.'),
    }),
  );
  if (answer !== 'waiting') {
    return (
      <p className="mt-2 text-sm font-medium text-slate-700" data-testid="consent-answer">
        {answered[answer]}
      </p>
    );
  }
  const busy = approve.isPending || deny.isPending;
  return (
    <div className="mt-2 flex gap-2">
      <Button size="sm" disabled={busy} onClick={() => approve.mutate({ requestId })}>
        <Check aria-hidden="true" className="size-4" />
        Approve
      </Button>
      <Button
        size="sm"
        variant="secondary"
        disabled={busy}
        onClick={() => deny.mutate({ requestId })}
      >
        <X aria-hidden="true" className="size-4" />
        Deny
      </Button>
    </div>
  );
}
