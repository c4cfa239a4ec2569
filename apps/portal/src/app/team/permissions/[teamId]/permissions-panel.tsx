'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { clsx } from 'clsx';
import { ShieldAlert } from 'lucide-react';
import Link from 'next/link';
import { Switch } from 'radix-ui';
import { toast } from 'sonner';
import { usePortalSession } from '@/components/session-context';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingRows } from '@/components/ui/skeleton';
import { describeError, errorCode } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { ImpersonateDialog } from './impersonate-dialog';

type Team = inferRouterOutputs<PortalRouter>['teams']['administered'];
type Member = Team['members'][number];
type Permissions = inferRouterInputs<PortalRouter>['teams']['updatePermissions']['permissions'];
type Flag = Exclude<keyof Permissions, 'accessCardId'>;

const flags: ReadonlyArray<{ key: Flag; label: string }> = [
  { key: 'isTeamAdministrator', label: 'Administrator' },
  { key: 'canMakeBookings', label: 'Make bookings' },
  { key: 'canBookForTeam', label: 'Book for the team' },
  { key: 'canPurchaseProducts', label: 'Buy products' },
  { key: 'canPurchaseEvents', label: 'Buy events' },
  { key: 'canAccessCommunity', label: 'Community' },
];

function permissionsOf(member: Member): Permissions {
  return {
    isTeamAdministrator: member.isAdministrator,
    canMakeBookings: member.canMakeBookings,
    canBookForTeam: member.canBookForTeam,
    canPurchaseProducts: member.canPurchaseProducts,
    canPurchaseEvents: member.canPurchaseEvents,
    canAccessCommunity: member.canAccessCommunity,
  };
}

function withPermissions(member: Member, permissions: Permissions): Member {
  const { isTeamAdministrator, ...rest } = permissions;
  return {
    ...member,
    ...rest,
    isAdministrator: isTeamAdministrator,
    accessCardId: member.accessCardId,
  };
}

export function PermissionsPanel({ teamId }: { teamId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { session } = usePortalSession();
  const myId = session?.profile?.id;
  const queryKey = trpc.teams.administered.queryKey({ teamId });
  const team = useQuery(trpc.teams.administered.queryOptions({ teamId }));

  const update = useMutation(
    trpc.teams.updatePermissions.mutationOptions({
      onMutate: async ({ memberId, permissions }) => {
        await queryClient.cancelQueries({ queryKey });
        const previous = queryClient.getQueryData(queryKey);
        queryClient.setQueryData(
          queryKey,
          (old) =>
            old && {
              ...old,
              members: old.members.map((m) =>
                m.coworkerId === memberId ? withPermissions(m, permissions) : m,
              ),
            },
        );
        return { previous };
      },
      onError: (error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
        toast.error(describeError(error));
      },
      onSuccess: (_result, { memberId }) => {
        const name =
          team.data?.members.find((m) => m.coworkerId === memberId)?.fullName ?? 'the member';
        toast.success(`Permissions of ${name} saved.`);
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey }),
    }),
  );

  if (team.isPending) {
    return (
      <>
        <PageHeader title="Team permissions" />
        <Card>
          <LoadingRows rows={4} label="Loading the team…" />
        </Card>
      </>
    );
  }
  if (team.isError) {
    const code = errorCode(team.error);
    return (
      <>
        <PageHeader title="Team permissions" />
        <Alert
          tone="error"
          title={
            code === 'FORBIDDEN' || code === 'NOT_FOUND'
              ? 'You cannot manage this team'
              : 'The team could not be loaded'
          }
        >
          <p>{describeError(team.error)}</p>
          <div className="mt-3 flex gap-3">
            {code === 'FORBIDDEN' || code === 'NOT_FOUND' ? null : (
              <Button variant="secondary" size="sm" onClick={() => void team.refetch()}>
                Try again
              </Button>
            )}
            <Link href="/team" className={buttonClasses('secondary', 'sm')}>
              Back to your teams
            </Link>
          </div>
        </Alert>
      </>
    );
  }

  const toggle = (member: Member, flag: Flag, value: boolean) =>
    update.mutate({
      teamId,
      memberId: member.coworkerId,
      permissions: { ...permissionsOf(member), [flag]: value },
    });

  return (
    <>
      <PageHeader
        eyebrow="Team permissions"
        title={team.data.name}
        description="Choose what each member may do. Changes save at once and are recorded."
      />
      {team.data.changesRefused ? (
        <Alert tone="locked" title="Viewing as this member">
          {team.data.changesRefused}
        </Alert>
      ) : null}
      <Card
        className="overflow-hidden"
        title="Members"
        description={`${team.data.members.length} members`}
      >
        <div className="relative -mx-5 -my-4 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Members of {team.data.name} and their permissions</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="sticky left-0 z-10 bg-slate-50 px-5 py-3">
                  Member
                </th>
                {flags.map((flag) => (
                  <th key={flag.key} scope="col" className="w-24 px-2 py-3 text-center leading-4">
                    {flag.label}
                  </th>
                ))}
                <th scope="col" className="px-5 py-3 text-right">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {team.data.members.map((member) => {
                const isMe = member.coworkerId === myId;
                return (
                  <tr key={member.coworkerId} className="align-middle">
                    <th
                      scope="row"
                      className="sticky left-0 z-10 bg-white px-5 py-3 text-left font-normal"
                    >
                      <span className="flex items-center gap-2 font-medium whitespace-nowrap text-slate-900">
                        {member.fullName}
                        {isMe ? <Badge tone="indigo">You</Badge> : null}
                      </span>
                      <span className="block text-xs text-slate-500">{member.email}</span>
                    </th>
                    {flags.map((flag) => {
                      const checked =
                        flag.key === 'isTeamAdministrator'
                          ? member.isAdministrator
                          : member[flag.key];
                      // The server says which administrator flags the caller may not clear.
                      const locked =
                        flag.key === 'isTeamAdministrator' ? member.administratorFlagLocked : null;
                      return (
                        <td key={flag.key} className="px-2 py-3 text-center">
                          <PermissionSwitch
                            label={`${flag.label}: ${member.fullName}`}
                            checked={checked}
                            disabled={Boolean(team.data.changesRefused || locked)}
                            title={locked ?? undefined}
                            onChange={(value) => toggle(member, flag.key, value)}
                          />
                        </td>
                      );
                    })}
                    <td className="px-5 py-3 text-right whitespace-nowrap">
                      <ImpersonateAction member={member} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
      <p className="flex items-start gap-2 text-sm text-slate-500">
        <ShieldAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        Viewing the portal as a member is recorded, and the member sees who did it, when and why in
        their account activity.
      </p>
    </>
  );
}

function PermissionSwitch({
  label,
  checked,
  disabled,
  title,
  onChange,
}: {
  label: string;
  checked: boolean;
  disabled: boolean;
  title?: string;
  onChange: (value: boolean) => void;
}) {
  return (
    <Switch.Root
      aria-label={title ? `${label} (${title})` : label}
      title={title}
      checked={checked}
      disabled={disabled}
      onCheckedChange={onChange}
      className={clsx(
        'relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors',
        'data-[state=checked]:bg-indigo-600 data-[state=unchecked]:bg-slate-300',
        'disabled:cursor-not-allowed disabled:opacity-50',
      )}
    >
      <Switch.Thumb className="block size-5 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[1.375rem]" />
    </Switch.Root>
  );
}

function ImpersonateAction({ member }: { member: Member }) {
  const answer = member.impersonation;
  if (!answer.allowed) {
    const reasonId = `impersonate-refusal-${member.coworkerId}`;
    return (
      <div className="flex flex-col items-end gap-1">
        <Button variant="secondary" size="sm" disabled aria-describedby={reasonId}>
          Impersonate account
        </Button>
        <span id={reasonId} className="max-w-48 text-xs whitespace-normal text-slate-500">
          {answer.refusal.message}
        </span>
      </div>
    );
  }
  return <ImpersonateDialog memberId={member.coworkerId} memberName={member.fullName} />;
}
