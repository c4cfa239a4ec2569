'use client';

import { useQuery } from '@tanstack/react-query';

import { ConsentAnswerButtons } from '@/components/consent-answer';
import { usePortalSession } from '@/components/session-context';
import { Card } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/react';

/**
 * Requests to view the member's account where their location asks them first, with Approve
 * and Deny while one waits and their answer after. The member's own session only: nobody
 * viewing as them sees, or answers, these.
 */
export function ConsentRequests() {
  const trpc = useTRPC();
  const { session } = usePortalSession();
  const ownSession = session?.profile != null && !session.impersonation;
  const list = useQuery({
    ...trpc.notifications.list.queryOptions(),
    enabled: ownSession,
    refetchInterval: 15_000,
  });
  const requests = (list.data?.items ?? []).filter((item) => item.consent);
  if (!ownSession || requests.length === 0) return null;

  return (
    <Card
      title="Requests to view your account"
      description="Your location asks you first: nobody views your account unless you agree, and your yes works once."
      className="mb-6"
    >
      <ul className="divide-y divide-slate-100" data-testid="consent-requests">
        {requests.map((item) => (
          <li key={item.id} className="py-3 first:pt-0 last:pb-0">
            <p className="text-sm font-medium text-slate-900">{item.title}</p>
            <ul className="mt-1 space-y-0.5 text-sm text-slate-600">
              {item.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p className="mt-1 text-xs text-slate-500">Asked {formatDateTime(item.createdAt)}</p>
            {item.consent ? (
              <ConsentAnswerButtons
                requestId={item.consent.requestId}
                answer={item.consent.answer}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
