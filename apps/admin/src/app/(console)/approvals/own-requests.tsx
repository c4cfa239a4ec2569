'use client';

import { useQuery } from '@tanstack/react-query';
import { Send } from 'lucide-react';
import Link from 'next/link';
import { useId } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingBlock } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import { formatTime } from '@/lib/format';
import { requestOutcome, type OutcomeTone } from '@/lib/request-outcome';
import { useTRPC } from '@/lib/trpc';

const badges: Record<OutcomeTone, { tone: BadgeTone; label: string }> = {
  waiting: { tone: 'amber', label: 'Waiting' },
  approved: { tone: 'green', label: 'Approved' },
  refused: { tone: 'red', label: 'Denied' },
  lapsed: { tone: 'neutral', label: 'Expired' },
  used: { tone: 'teal', label: 'Used' },
};

/**
 * The operator's own requests of the last day and how each stands: the outcome of one they
 * asked for and then left is here, as it was in the toast that told them.
 */
export function OwnRequests() {
  const trpc = useTRPC();
  const headingId = useId();
  const recent = useQuery(trpc.accessRequests.recent.queryOptions());

  return (
    <Card aria-labelledby={headingId}>
      <CardHeader
        id={headingId}
        title="Your requests"
        description="What you asked for in the last 24 hours, and how each stands."
      />
      {recent.isPending ? (
        <LoadingBlock label="Loading your requests" lines={2} />
      ) : recent.isError ? (
        <ErrorState
          title="Your requests could not be loaded"
          message={errorMessage(recent.error)}
          onRetry={() => void recent.refetch()}
        />
      ) : recent.data.length === 0 ? (
        <EmptyState icon={Send} title="No requests of yours">
          When a view needs a second approval or the member&apos;s yes, your request shows here.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {recent.data.map((request) => {
            const outcome = requestOutcome(request);
            const badge = badges[outcome.tone];
            return (
              <li
                key={request.id}
                className="flex flex-wrap items-start justify-between gap-3 px-5 py-4 text-sm"
                data-testid="own-request"
              >
                <div className="min-w-0 space-y-1">
                  <p className="font-medium text-slate-900">
                    <Link
                      href={`/customers/${request.target.id}`}
                      className="hover:text-teal-700 hover:underline"
                    >
                      {outcome.title}
                    </Link>
                  </p>
                  <p className="text-slate-700">{outcome.detail}</p>
                  <p className="text-xs text-slate-500">
                    Asked at {formatTime(request.createdAt)} · {request.location.name}
                  </p>
                </div>
                <Badge tone={badge.tone}>{badge.label}</Badge>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
