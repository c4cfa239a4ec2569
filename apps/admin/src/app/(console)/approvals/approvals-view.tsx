'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, Inbox, Lock, X } from 'lucide-react';
import Link from 'next/link';
import { toast } from 'sonner';
import { PageBody, PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingBlock } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import { formatTime, modeName } from '@/lib/format';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';
import { OwnRequests } from './own-requests';

type AccessRequest = RouterOutputs['accessRequests']['pending'][number];

/** How often waiting requests are asked for again: a requester is waiting on this page. */
const approvalsPollMs = 5000;

/**
 * Full-access requests waiting at the operator's locations. Whether this operator may decide
 * each one is the server's answer (`canDecide`): their own requests show without the buttons.
 */
export function ApprovalsView() {
  const trpc = useTRPC();
  const pending = useQuery({
    ...trpc.accessRequests.pending.queryOptions(),
    refetchInterval: approvalsPollMs,
  });

  return (
    <PageBody>
      <PageHeader
        title="Approvals"
        description="Full access that waits for a second ADMIN or OWNER of the location."
      />
      <Card>
        {pending.isPending ? (
          <LoadingBlock label="Loading requests" lines={4} />
        ) : pending.isError ? (
          <ErrorState
            title="Requests could not be loaded"
            message={errorMessage(pending.error)}
            onRetry={() => void pending.refetch()}
          />
        ) : pending.data.length === 0 ? (
          <EmptyState icon={Inbox} title="Nothing waiting">
            Requests for full access appear here while they wait for a second approval.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Waiting requests">
            {pending.data.map((request) => (
              <RequestRow key={request.id} request={request} />
            ))}
          </ul>
        )}
      </Card>
      <OwnRequests />
    </PageBody>
  );
}

function RequestRow({ request }: { request: AccessRequest }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settled = (verb: string) => ({
    onSuccess: () => {
      toast.success(`Request ${verb}`, {
        description: `${request.requester.fullName} · ${request.target.fullName}`,
      });
      void queryClient.invalidateQueries({ queryKey: trpc.accessRequests.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
    },
    onError: (error: unknown) =>
      toast.error(`Could not mark the request ${verb}`, { description: errorMessage(error) }),
  });
  const approve = useMutation(trpc.accessRequests.approve.mutationOptions(settled('approved')));
  const deny = useMutation(trpc.accessRequests.deny.mutationOptions(settled('denied')));
  const busy = approve.isPending || deny.isPending;

  return (
    <li
      className="flex flex-wrap items-start justify-between gap-4 px-5 py-4"
      data-testid="access-request"
    >
      <div className="min-w-0 space-y-1 text-sm">
        <p className="text-slate-900">
          <span className="font-medium">{request.requester.fullName}</span> asks for{' '}
          <Badge tone="violet">{modeName(request.mode)}</Badge> to{' '}
          <Link
            href={`/customers/${request.target.id}`}
            className="font-medium hover:text-teal-700 hover:underline"
          >
            {request.target.fullName}
          </Link>{' '}
          at {request.location.name}
        </p>
        {request.reason ? <p className="text-slate-700">“{request.reason}”</p> : null}
        <p className="text-xs text-slate-500">
          Asked at {formatTime(request.createdAt)} · waits until {formatTime(request.expiresAt)}
        </p>
      </div>
      {request.canDecide ? (
        <div className="flex gap-2">
          <Button onClick={() => deny.mutate({ requestId: request.id })} disabled={busy}>
            <X aria-hidden="true" />
            Deny
          </Button>
          <Button
            variant="primary"
            onClick={() => approve.mutate({ requestId: request.id })}
            disabled={busy}
          >
            <Check aria-hidden="true" />
            Approve
          </Button>
        </div>
      ) : (
        <p
          className="flex max-w-xs items-start gap-1.5 text-xs text-slate-600"
          data-testid="cannot-decide"
        >
          <Lock aria-hidden="true" className="mt-px size-3.5 shrink-0" />
          {request.cannotDecideBecause}
        </p>
      )}
    </li>
  );
}
