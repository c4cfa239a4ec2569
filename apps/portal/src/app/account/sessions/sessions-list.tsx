'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { ShieldAlert } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ListTableHead } from '@/components/ui/list-table-head';
import { setFlash } from '@/lib/browser-storage';
import { describeError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { loadPage } from '@/lib/navigation';
import { useTRPC } from '@/trpc/react';

type OwnSessions = inferRouterOutputs<PortalRouter>['session']['list'];
type OwnSession = OwnSessions['sessions'][number];

const appLabel = { ADMIN: 'Admin app', PORTAL: 'Member portal or app' } as const;

function leave(message: string) {
  setFlash(message);
  loadPage('/sign-in', { replace: true });
}

export function SessionsList({ initial }: { initial: OwnSessions }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const list = useQuery({ ...trpc.session.list.queryOptions(), initialData: initial });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.session.list.queryKey() });

  const signOutDevice = useMutation(
    trpc.session.signOutDevice.mutationOptions({
      onSuccess: ({ current }) => {
        if (current) return leave('You have signed out of this device.');
        toast.success('That device is signed out.');
        void refresh();
      },
      onError: (error) => {
        toast.error(describeError(error));
        void refresh();
      },
    }),
  );
  const signOutEverywhere = useMutation(
    trpc.session.signOutEverywhere.mutationOptions({
      onSuccess: ({ sessions }) =>
        leave(
          sessions === 1
            ? 'You have signed out.'
            : `You have signed out everywhere (${sessions} sessions).`,
        ),
      onError: (error) => toast.error(describeError(error)),
    }),
  );

  const sessions = list.data.sessions;
  return (
    <div className="space-y-6">
      {list.data.endedForSafety.length > 0 ? (
        <Alert tone="error" title="Hotdesk signed you out somewhere for your safety">
          <p>
            A sign-in&apos;s refresh token was used again after it had been replaced, so someone
            else may have had a copy of it. That session has ended. If you did not expect this,
            change your password.
          </p>
          <ul className="mt-1 list-disc pl-5">
            {list.data.endedForSafety.map((session) => (
              <li key={session.id}>
                {session.device}
                {session.ip ? ` from ${session.ip}` : ''}, ended {formatDateTime(session.endedAt)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Card
        title="Where you are signed in"
        description={list.isFetching ? 'Updating…' : 'Most recently active first.'}
        actions={
          confirming ? (
            <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm">
              <span className="text-sm text-slate-700">This device too. Sure?</span>
              <Button
                variant="danger"
                size="sm"
                pending={signOutEverywhere.isPending}
                onClick={() => signOutEverywhere.mutate()}
              >
                Yes, sign out everywhere
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </div>
          ) : (
            <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
              Sign out everywhere
            </Button>
          )
        }
      >
        <div className="-mx-5 -my-4 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">
              Your signed-in devices, most recently active first
            </caption>
            <ListTableHead
              columns={[
                { label: 'Device' },
                { label: 'Signed in from' },
                { label: 'Started' },
                { label: 'Last active' },
                { label: <span className="sr-only">Actions</span> },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {sessions.map((session) => (
                <SessionRow
                  key={session.id}
                  session={session}
                  pending={
                    signOutDevice.isPending && signOutDevice.variables?.sessionId === session.id
                  }
                  onSignOut={() => signOutDevice.mutate({ sessionId: session.id })}
                />
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {list.isError ? (
        <Alert tone="error" title="The list could not be updated">
          {describeError(list.error)}
        </Alert>
      ) : null}
      <p className="flex items-start gap-2 text-sm text-slate-500">
        <ShieldAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        Signing a device out also ends any view of a member&apos;s portal started from it.
      </p>
    </div>
  );
}

function SessionRow({
  session,
  pending,
  onSignOut,
}: {
  session: OwnSession;
  pending: boolean;
  onSignOut: () => void;
}) {
  const what = `${session.device}, ${appLabel[session.app]}`;
  return (
    <tr className="align-top">
      <th scope="row" className="px-5 py-3 text-left font-medium whitespace-nowrap text-slate-900">
        <span className="flex items-center gap-2">
          {session.device}
          {session.current ? <Badge tone="emerald">This device</Badge> : null}
        </span>
        <span className="block text-xs font-normal text-slate-500">{appLabel[session.app]}</span>
      </th>
      <td className="px-3 py-3 whitespace-nowrap text-slate-700">{session.ip ?? 'Unknown'}</td>
      <td className="px-3 py-3 whitespace-nowrap text-slate-700">
        {formatDateTime(session.startedAt)}
      </td>
      <td className="px-3 py-3 whitespace-nowrap text-slate-700">
        {formatDateTime(session.lastSeenAt)}
      </td>
      <td className="px-5 py-3 text-right whitespace-nowrap">
        <Button
          variant="secondary"
          size="sm"
          pending={pending}
          onClick={onSignOut}
          aria-label={`Sign out this device: ${what}${session.current ? ' (the one you are using)' : ''}`}
        >
          Sign out this device
        </Button>
      </td>
    </tr>
  );
}
