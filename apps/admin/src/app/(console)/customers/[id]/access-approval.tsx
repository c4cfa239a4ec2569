'use client';

import { useQuery } from '@tanstack/react-query';
import { Clock, UserCheck, XCircle } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { formatTime } from '@/lib/format';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

type Viewability = RouterOutputs['impersonation']['viewability'];
type OwnRequest = RouterOutputs['accessRequests']['mine'];
export type SecondApproval = 'not_needed' | 'needed' | 'approved';

/** What the server's terms say about a second approval of full access (rules/ decides). */
export function secondApprovalOf(answer: Viewability): {
  state: SecondApproval;
  approvedBy: string | null;
} {
  if (!answer.allowed || !answer.modes.FULL.allowed)
    return { state: 'not_needed', approvedBy: null };
  return { state: answer.modes.FULL.secondApproval, approvedBy: answer.modes.FULL.approvedBy };
}

/**
 * The operator's own latest request for this customer's view in this mode, asked again every
 * few seconds while it waits; whenever it moves on (approved, agreed, declined, expired) the
 * server's terms change, so they are re-read.
 */
export function useOwnAccessRequest(
  coworkerId: number,
  mode: 'READ_ONLY' | 'FULL',
  enabled: boolean,
  onChanged: () => void,
) {
  const trpc = useTRPC();
  const mine = useQuery({
    ...trpc.accessRequests.mine.queryOptions({ coworkerId, mode }),
    enabled,
    staleTime: 0,
    gcTime: 0,
    refetchInterval: (query) => (query.state.data?.status === 'PENDING' ? 2000 : false),
  });
  const seen = useRef<string | null>(null);
  const request = mine.data;
  useEffect(() => {
    if (request === undefined) return;
    const state = request ? `${request.id}:${request.status}:${request.memberAnswer}` : 'none';
    if (seen.current === state) return;
    const first = seen.current === null;
    seen.current = state;
    if (!first) onChanged();
  }, [request, onChanged]);
  return mine;
}

/** Where the approval stands, in words: approved, waiting, denied, expired, or not asked yet. */
export function AccessApprovalNotice({
  state,
  approvedBy,
  request,
}: {
  state: SecondApproval;
  approvedBy: string | null;
  request: OwnRequest | undefined;
}) {
  if (state === 'approved') {
    return (
      <Notice tone="green" icon={UserCheck} testId="approval-approved">
        Approved by {approvedBy ?? 'a second operator'}. Open the portal to start; the approval
        works once.
      </Notice>
    );
  }
  if (state !== 'needed') return null;
  if (request?.status === 'PENDING') {
    return (
      <Notice tone="amber" icon={Clock} testId="approval-waiting">
        Waiting for another ADMIN or OWNER of {request.location.name} to approve (asked at{' '}
        {formatTime(request.createdAt)}). This dialog updates when they do.
      </Notice>
    );
  }
  const last =
    request?.status === 'DENIED'
      ? 'Your last request was denied. '
      : request?.status === 'EXPIRED'
        ? 'Your last request expired. '
        : '';
  return (
    <Notice
      tone="amber"
      icon={request?.status === 'DENIED' ? XCircle : Clock}
      testId="approval-needed"
    >
      {last}Full access to this customer needs another ADMIN or OWNER of the location to approve it
      first. Request approval; they see it under Approvals.
    </Notice>
  );
}

export function Notice({
  tone,
  icon: Icon,
  testId,
  children,
}: {
  tone: 'green' | 'amber';
  icon: typeof Clock;
  testId: string;
  children: React.ReactNode;
}) {
  const colours =
    tone === 'green'
      ? 'border-emerald-200 bg-emerald-50 text-emerald-900'
      : 'border-amber-200 bg-amber-50 text-amber-900';
  return (
    <div
      role="status"
      data-testid={testId}
      className={`flex gap-2.5 rounded-lg border p-3 text-sm ${colours}`}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <p>{children}</p>
    </div>
  );
}
