'use client';

import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, ListX } from 'lucide-react';
import Link from 'next/link';
import { PageBody, PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingBlock } from '@/components/ui/states';
import { apiErrorData, errorMessage } from '@/lib/errors';
import { formatDateTime, modeName, pluralize, roleName } from '@/lib/format';
import { impersonationStatus } from '@/lib/impersonation';
import { useTRPC } from '@/lib/trpc';
import { useNow } from '@/lib/use-now';
import { TimelineEntryRow } from './timeline-entry';

const pollMs = 5000;

const back = (
  <Link
    href="/impersonations"
    className="inline-flex items-center gap-1.5 font-medium text-slate-600 hover:text-teal-700"
  >
    <ArrowLeft aria-hidden="true" className="size-4" />
    Active impersonations
  </Link>
);

/** What one impersonation did, in order: start, every read, every change or refusal, end. */
export function ImpersonationTimelineView({ impersonationId }: { impersonationId: string }) {
  const trpc = useTRPC();
  const now = useNow(15_000);
  const timeline = useQuery({
    ...trpc.impersonation.timeline.queryOptions({ impersonationId }),
    // A view under way keeps adding reads; an ended one is history.
    refetchInterval: (query) =>
      query.state.data?.impersonation.status === 'ended' ? false : pollMs,
  });

  if (timeline.isPending) {
    return (
      <PageBody>
        <PageHeader eyebrow={back} title="Impersonation" />
        <Card>
          <LoadingBlock label="Loading the timeline" lines={6} />
        </Card>
      </PageBody>
    );
  }
  if (timeline.isError) {
    const notFound = apiErrorData(timeline.error).code === 'NOT_FOUND';
    return (
      <PageBody>
        <PageHeader eyebrow={back} title="Impersonation" />
        <Card>
          {notFound ? (
            <EmptyState icon={ListX} title="No such impersonation in your locations">
              The link may be wrong, or the impersonation belongs to a location you do not cover.
            </EmptyState>
          ) : (
            <ErrorState
              title="The timeline could not be loaded"
              message={errorMessage(timeline.error)}
              onRetry={() => void timeline.refetch()}
            />
          )}
        </Card>
      </PageBody>
    );
  }

  const { impersonation, entries, looksTruncated } = timeline.data;
  const status = impersonationStatus(impersonation, now);
  const reads = entries.reduce((sum, entry) => sum + (entry.kind === 'look' ? entry.times : 0), 0);
  return (
    <PageBody>
      <PageHeader
        eyebrow={back}
        title={`${impersonation.actor.fullName} as ${impersonation.target.fullName}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={status.tone}>{status.label}</Badge>
            <Badge tone={impersonation.mode === 'FULL' ? 'violet' : 'neutral'}>
              {modeName(impersonation.mode)}
            </Badge>
            <span>
              {roleName(impersonation.actor.role)} · {impersonation.location.name} · requested{' '}
              {formatDateTime(impersonation.issuedAt)}
            </span>
            <span>{impersonation.reason ? `“${impersonation.reason}”` : 'No reason given'}</span>
          </span>
        }
        actions={
          <Button asChild variant="secondary">
            <Link href={`/customers/${impersonation.target.id}`}>Customer page</Link>
          </Button>
        }
      />
      <Card aria-labelledby="timeline-heading">
        <CardHeader
          id="timeline-heading"
          title="Timeline"
          description={`Start, ${pluralize(reads, 'read')} served to the view (pages and API), every change or refusal, end.${looksTruncated ? ' Only the first reads are shown.' : ''}`}
        />
        <ol aria-label="Timeline" className="divide-y divide-slate-100">
          {entries.map((entry, index) => (
            <TimelineEntryRow key={index} entry={entry} />
          ))}
        </ol>
      </Card>
    </PageBody>
  );
}
