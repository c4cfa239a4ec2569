'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { useEffect, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { useTRPC } from '@/trpc/react';

type Terms = Extract<
  inferRouterOutputs<PortalRouter>['impersonation']['viewability'],
  { allowed: true }
>['modes']['READ_ONLY'];
type Mode = 'READ_ONLY' | 'FULL';

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/**
 * Where the member's own yes stands for this view, as the server's terms say (rules/), and
 * the administrator's request for it: asked again every few seconds while it waits, the terms
 * re-read whenever it moves on. Team administrators never start a view urgently.
 */
export function useMemberConsent(
  memberId: number,
  mode: Mode,
  terms: Terms,
  onTermsChanged: () => void,
) {
  const trpc = useTRPC();
  const state = terms.allowed ? terms.memberConsent : 'not_needed';
  const mine = useQuery({
    ...trpc.accessRequests.mine.queryOptions({ coworkerId: memberId, mode }),
    enabled: state !== 'not_needed',
    staleTime: 0,
    gcTime: 0,
    refetchInterval: (query) => (query.state.data?.status === 'PENDING' ? 2000 : false),
  });
  const seen = useRef<string | null>(null);
  const request = mine.data;
  useEffect(() => {
    if (request === undefined) return;
    const now = request ? `${request.id}:${request.status}:${request.memberAnswer}` : 'none';
    if (seen.current === now) return;
    const first = seen.current === null;
    seen.current = now;
    if (!first) onTermsChanged();
  }, [request, onTermsChanged]);
  const ask = useMutation(
    trpc.accessRequests.create.mutationOptions({ onSuccess: () => void mine.refetch() }),
  );
  return {
    state,
    until: terms.allowed ? terms.consentUntil : null,
    request,
    ask,
    mustAsk: state === 'needed' || state === 'declined',
    blocked: state === 'waiting' || state === 'cannot_be_asked',
  };
}

/** The consent's state in words for the team administrator. */
export function MemberConsentNote({
  name,
  consent,
}: {
  name: string;
  consent: ReturnType<typeof useMemberConsent>;
}) {
  const { state, until, request } = consent;
  const at = until ? ` (until ${timeOnly.format(until)})` : '';
  switch (state) {
    case 'not_needed':
      return null;
    case 'approved':
      return (
        <Alert tone="success">
          {name} agreed{at}. Their yes works once.
        </Alert>
      );
    case 'waiting':
      return (
        <Alert tone="info">
          Waiting for {name} to agree{at}. This updates when they answer.
        </Alert>
      );
    case 'declined':
      return <Alert tone="locked">{name} declined. Ask again only if they expect it.</Alert>;
    case 'cannot_be_asked':
      return (
        <Alert tone="locked">
          {name} cannot be asked: they have no portal login or no e-mail address, so you cannot view
          their account.
        </Alert>
      );
    case 'needed':
      return (
        <Alert tone="info">
          {request?.status === 'EXPIRED' ? `${name} did not answer in time. ` : ''}
          Your coworking space asks members first: {name} has to agree before you view their
          account. They answer in the portal or from the e-mail.
        </Alert>
      );
  }
}
