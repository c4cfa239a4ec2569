'use client';

import { useQuery } from '@tanstack/react-query';
import { MapPin } from 'lucide-react';
import { PageBody, PageHeader } from '@/components/shell/page-header';
import { Card } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingBlock } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { PolicyCard } from './policy-card';

export function PoliciesView() {
  const trpc = useTRPC();
  const policies = useQuery(trpc.policies.list.queryOptions());

  return (
    <PageBody>
      <PageHeader
        title="Policies"
        description="What impersonation each of your locations allows, and for how long."
      />
      {policies.isPending ? (
        <Card>
          <LoadingBlock label="Loading policies" lines={6} />
        </Card>
      ) : policies.isError ? (
        <Card>
          <ErrorState
            title="Policies could not be loaded"
            message={errorMessage(policies.error)}
            onRetry={() => void policies.refetch()}
          />
        </Card>
      ) : policies.data.length === 0 ? (
        <Card>
          <EmptyState icon={MapPin} title="No locations">
            You do not cover any location yet, so there is no policy to show.
          </EmptyState>
        </Card>
      ) : (
        <div className="grid gap-6 xl:grid-cols-2">
          {policies.data.map((entry) => (
            // A new key when the saved policy changes resets the card's draft to it.
            <PolicyCard
              key={`${entry.location.id}:${JSON.stringify(entry.policy)}`}
              entry={entry}
            />
          ))}
        </div>
      )}
    </PageBody>
  );
}
