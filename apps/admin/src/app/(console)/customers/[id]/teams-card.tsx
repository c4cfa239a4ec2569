'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Building2, UsersRound } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import { pluralize } from '@/lib/format';
import { type CustomerDetail, useTRPC } from '@/lib/trpc';

type Team = CustomerDetail['teams'][number];

/**
 * The customer's teams and, where the server says the operator may, the control that makes
 * them a team administrator or clears the flag (which team administrators cannot do to a peer).
 */
export function TeamsCard({ customer }: { customer: CustomerDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Team | null>(null);
  const teams = customer.teams;
  const change = useMutation(
    trpc.teams.setAdministrator.mutationOptions({
      onSuccess: (_, { isAdministrator }) => {
        toast.success(
          isAdministrator
            ? `${customer.fullName} now administers ${pending?.name ?? 'the team'}.`
            : `${customer.fullName} no longer administers ${pending?.name ?? 'the team'}.`,
        );
        setPending(null);
        void queryClient.invalidateQueries({ queryKey: trpc.coworkers.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.impersonation.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
      },
      onError: (error) => toast.error('Could not change it', { description: errorMessage(error) }),
    }),
  );

  return (
    <Card aria-labelledby="teams-heading">
      <CardHeader
        id="teams-heading"
        title="Teams"
        description={teams.length ? pluralize(teams.length, 'team') : undefined}
      />
      {teams.length === 0 ? (
        <EmptyState icon={UsersRound} title="Not in a team" />
      ) : (
        <ul className="divide-y divide-slate-100">
          {teams.map((team) => (
            <li
              key={team.id}
              className="flex flex-wrap items-center justify-between gap-3 px-5 py-3"
            >
              <span className="flex min-w-0 items-center gap-2 text-sm font-medium text-slate-900">
                <Building2 aria-hidden="true" className="size-4 shrink-0 text-slate-400" />
                <span className="truncate">{team.name}</span>
              </span>
              <span className="flex items-center gap-2">
                {team.isAdministrator ? (
                  <Badge tone="blue">Team administrator</Badge>
                ) : (
                  <Badge>Member</Badge>
                )}
                {team.canChangeAdministrator ? (
                  <Button
                    size="sm"
                    variant={team.isAdministrator ? 'dangerOutline' : 'secondary'}
                    aria-label={`${team.isAdministrator ? 'Remove administrator role in' : 'Make administrator of'} ${team.name}`}
                    onClick={() => setPending(team)}
                  >
                    {team.isAdministrator ? 'Remove role' : 'Make administrator'}
                  </Button>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => {
          if (!open && !change.isPending) setPending(null);
        }}
        title={
          pending?.isAdministrator
            ? `Remove ${customer.fullName} as administrator of ${pending.name}?`
            : `Make ${customer.fullName} an administrator of ${pending?.name ?? ''}?`
        }
        description={
          pending?.isAdministrator
            ? 'They can no longer manage the team’s permissions or view its members’ portal, and views they have open of its members end at once. This is recorded in the audit log.'
            : 'They can manage the team’s permissions and, where the location allows it, view its members’ portal. This is recorded in the audit log.'
        }
        confirmLabel={pending?.isAdministrator ? 'Remove role' : 'Make administrator'}
        pending={change.isPending}
        onConfirm={() =>
          pending &&
          change.mutate({
            teamId: pending.id,
            coworkerId: customer.id,
            isAdministrator: !pending.isAdministrator,
          })
        }
      />
    </Card>
  );
}
