'use client';

import { useQuery } from '@tanstack/react-query';
import { ArrowRight, Users } from 'lucide-react';
import Link from 'next/link';
import { usePortalSession } from '@/components/session-context';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingRows } from '@/components/ui/skeleton';
import { useTRPC } from '@/trpc/react';
import { LoadError } from '@/components/ui/load-error';

export function TeamList() {
  const trpc = useTRPC();
  const { session } = usePortalSession();
  const teams = useQuery(trpc.teams.mine.queryOptions({ pageSize: 100 }));
  const myId = session?.profile?.id;

  if (teams.isPending) {
    return (
      <Card>
        <LoadingRows label="Loading your teams…" />
      </Card>
    );
  }
  if (teams.isError) {
    return <LoadError title="Your teams could not be loaded" query={teams} />;
  }
  if (teams.data.teams.length === 0) {
    return (
      <Card>
        <EmptyState icon={Users} title="You are not on a team here">
          Teams are set up by the front desk. Switch profile if you belong to a team at another
          location.
        </EmptyState>
      </Card>
    );
  }

  return (
    <ul className="grid gap-6 md:grid-cols-2">
      {teams.data.teams.map((team) => {
        const isAdmin = team.members.some((m) => m.coworkerId === myId && m.isAdministrator);
        // Inside a view, the team's page only where the person behind the view may see it.
        const admins = team.members.filter((m) => m.isAdministrator);
        return (
          <li key={team.id}>
            <Card
              headingLevel={2}
              title={team.name}
              description={`${team.members.length} ${team.members.length === 1 ? 'member' : 'members'} · administered by ${admins.map((a) => a.fullName).join(', ') || 'nobody'}`}
              actions={isAdmin ? <Badge tone="indigo">Administrator</Badge> : <Badge>Member</Badge>}
            >
              <ul className="flex flex-wrap gap-2">
                {team.members.map((member) => (
                  <li
                    key={member.coworkerId}
                    className="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-700"
                  >
                    {member.fullName}
                    {member.coworkerId === myId ? ' (you)' : ''}
                  </li>
                ))}
              </ul>
              {team.canAdminister ? (
                <Link
                  href={`/team/permissions/${team.id}`}
                  className="mt-4 inline-flex items-center gap-1 text-sm font-medium text-indigo-600 hover:text-indigo-500"
                >
                  Manage permissions of {team.name}
                  <ArrowRight aria-hidden="true" className="size-4" />
                </Link>
              ) : null}
            </Card>
          </li>
        );
      })}
    </ul>
  );
}
