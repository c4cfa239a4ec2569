'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MonitorSmartphone, ShieldAlert } from 'lucide-react';
import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import { PageBody, PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { columnHelper, DataTable } from '@/components/ui/data-table';
import { ConfirmDialog } from '@/components/ui/dialog';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import { formatDateTime, pluralize } from '@/lib/format';
import { useOperator } from '@/lib/operator-context';
import { type RouterOutputs, useTRPC, useTRPCClient } from '@/lib/trpc';

type OwnSession = RouterOutputs['session']['list']['sessions'][number];

const helper = columnHelper<OwnSession>();
const thisDeviceOut = 'This device is signed out.';
const appName = { ADMIN: 'Admin console', PORTAL: 'Member portal or API' } as const;

function columnsFor(signOut: (row: OwnSession) => void, pendingId: string | null) {
  return helper.columns([
    helper.display({
      id: 'device',
      header: 'Device',
      cell: ({ row }) => (
        <div className="whitespace-nowrap">
          <p className="flex items-center gap-2 font-medium text-slate-900">
            {row.original.device}
            {row.original.current ? <Badge tone="teal">This device</Badge> : null}
          </p>
          <p className="text-xs text-slate-500">{appName[row.original.app]}</p>
        </div>
      ),
    }),
    helper.accessor((row) => row.ip ?? 'Unknown', {
      id: 'ip',
      header: 'Signed in from',
      meta: { className: 'whitespace-nowrap font-mono text-slate-700' },
    }),
    helper.accessor((row) => formatDateTime(row.startedAt), {
      id: 'started',
      header: 'Started',
      meta: { className: 'whitespace-nowrap text-slate-700' },
    }),
    helper.accessor((row) => formatDateTime(row.lastSeenAt), {
      id: 'lastSeen',
      header: 'Last active',
      meta: { className: 'whitespace-nowrap text-slate-700' },
    }),
    helper.display({
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      meta: { className: 'text-right' },
      cell: ({ row }) => (
        <Button
          size="sm"
          variant="dangerOutline"
          disabled={pendingId === row.original.id}
          onClick={() => signOut(row.original)}
          aria-label={`Sign out this device: ${row.original.device}, ${appName[row.original.app]}${row.original.current ? ' (the one you are using)' : ''}`}
        >
          Sign out this device
        </Button>
      ),
    }),
  ]);
}

/** The operator's own sign-ins, in the console, the portal and the API, with sign-out. */
export function SessionsView() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { leave } = useOperator();
  const [confirming, setConfirming] = useState(false);
  const list = useQuery(trpc.session.list.queryOptions());

  const signOutDevice = useMutation(
    trpc.session.signOutDevice.mutationOptions({
      onSuccess: ({ current }) => {
        // A row not marked as this device can only be it in a list older than this sign-in.
        if (current) return leave(async () => thisDeviceOut);
        toast.success('That device is signed out.');
        void queryClient.invalidateQueries({ queryKey: trpc.session.list.queryKey() });
      },
      onError: (error) => toast.error('Could not sign out', { description: errorMessage(error) }),
    }),
  );
  const signOutEverywhere = () =>
    leave(async () => {
      const { sessions } = await client.session.signOutEverywhere.mutate();
      return `${pluralize(sessions, 'session')} ended, this one too.`;
    });

  const pendingId = signOutDevice.isPending ? (signOutDevice.variables?.sessionId ?? null) : null;
  const columns = useMemo(
    () =>
      columnsFor((row) => {
        if (!row.current) return signOutDevice.mutate({ sessionId: row.id });
        leave(async () => {
          await client.session.signOutDevice.mutate({ sessionId: row.id });
          return thisDeviceOut;
        });
      }, pendingId),
    [signOutDevice, pendingId, leave, client],
  );
  const safety = list.data?.endedForSafety ?? [];

  return (
    <PageBody>
      <PageHeader
        title="Your sessions"
        description="Everywhere you are signed in: this console, the member portal and the API. Signing a device out also ends any impersonation started from it."
        actions={
          <Button variant="dangerOutline" onClick={() => setConfirming(true)}>
            Sign out everywhere
          </Button>
        }
      />
      {safety.length > 0 ? (
        <div
          role="alert"
          className="mb-4 flex gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
        >
          <ShieldAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <p>
            Hotdesk ended {pluralize(safety.length, 'session')} of yours for your safety: a refresh
            token was used again after it had been replaced, so someone else may have had a copy.
            Last: {safety[0]?.device}, {safety[0] ? formatDateTime(safety[0].endedAt) : ''}.
          </p>
        </div>
      ) : null}
      <Card>
        <DataTable
          caption="Your signed-in devices"
          columns={columns}
          data={list.data?.sessions ?? noRows}
          getRowId={(row) => row.id}
          status={list.status}
          skeletonRows={2}
          empty={
            <EmptyState icon={MonitorSmartphone} title="No sessions">
              You are not signed in anywhere.
            </EmptyState>
          }
          error={
            <ErrorState
              title="Your sessions could not be loaded"
              message={errorMessage(list.error)}
              onRetry={() => void list.refetch()}
            />
          }
        />
      </Card>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Sign out everywhere?"
        description="Every session of yours ends, this one included, and every impersonation started from them."
        confirmLabel="Sign out everywhere"
        onConfirm={signOutEverywhere}
      />
    </PageBody>
  );
}

const noRows: OwnSession[] = [];
