'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { toast } from 'sonner';
import {
  outcomeKey,
  requestOutcome,
  type OwnAccessRequest,
  type OutcomeTone,
} from '@/lib/request-outcome';
import { useTRPC } from '@/lib/trpc';

/** How often the operator's own waiting requests are asked for again. */
const waitingPollMs = 5000;

const toastOf: Record<Exclude<OutcomeTone, 'used'>, typeof toast.info> = {
  waiting: toast.info,
  approved: toast.success,
  refused: toast.error,
  lapsed: toast.warning,
};

/**
 * Tells the operator how their own access requests move on (approved, agreed, denied, expired)
 * on whichever console page they are, not only in the dialog they asked from. Asks again while
 * one waits; what had already happened when the console loaded is not announced (the Approvals
 * page lists it), nor a view they opened themselves.
 */
export function RequestOutcomeToasts() {
  const trpc = useTRPC();
  const router = useRouter();
  const recent = useQuery({
    ...trpc.accessRequests.recent.queryOptions(),
    refetchInterval: (query) =>
      query.state.data?.some((request) => request.status === 'PENDING') ? waitingPollMs : false,
  });
  const seen = useRef<Map<string, string> | null>(null);

  useEffect(() => {
    if (!recent.data) return;
    const before = seen.current;
    seen.current = new Map(recent.data.map((request) => [request.id, outcomeKey(request)]));
    if (!before) return;
    for (const request of recent.data) {
      const was = before.get(request.id);
      if (was === undefined || was === outcomeKey(request)) continue;
      announce(request, () => router.push(`/customers/${request.target.id}`));
    }
  }, [recent.data, router]);

  return null;
}

function announce(request: OwnAccessRequest, openCustomer: () => void) {
  const { tone, title, detail } = requestOutcome(request);
  if (tone === 'used') return;
  toastOf[tone](title, {
    id: `access-request-${request.id}`,
    description: detail,
    duration: 12_000,
    action: { label: 'Open customer', onClick: openCustomer },
  });
}
