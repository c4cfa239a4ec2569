'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { ShieldCheck } from 'lucide-react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingRows } from '@/components/ui/skeleton';
import { describeError } from '@/lib/errors';
import { actorRoleLabel, formatDateTime, formatDuration, modeLabel } from '@/lib/format';
import { useTRPC } from '@/trpc/react';
import { ListTableHead } from '@/components/ui/list-table-head';
import { LoadError } from '@/components/ui/load-error';
import { ReportDialog } from '@/components/report-view-dialog';

type View = inferRouterOutputs<PortalRouter>['impersonation']['accountActivity'][number];

const endings: Record<string, string> = {
  EXITED: 'Exited',
  EXPIRED: 'Timed out',
  REVOKED: 'Revoked',
  ACTOR_SESSION_ENDED: 'Viewer signed out',
  RIGHT_WITHDRAWN: 'Ended: the viewer lost the right',
  MEMBER_REPORTED: 'Ended by your report',
};

/** "viewed your invoices, opened INV-0042" as a sentence: "Viewed your invoices, opened INV-0042." */
function sentence(summary: string) {
  return `${summary.charAt(0).toUpperCase()}${summary.slice(1)}.`;
}

function duration(view: View) {
  if (!view.startedAt) return '—';
  if (!view.endedAt) return 'Ongoing';
  return formatDuration(view.endedAt.getTime() - view.startedAt.getTime());
}

/** `reportWordsMaxLength`: the most a member may write in a report (the API's own limit). */
export function ActivityList({ reportWordsMaxLength }: { reportWordsMaxLength: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const activity = useQuery(trpc.impersonation.accountActivity.queryOptions());
  const revoke = useMutation(
    trpc.impersonation.revoke.mutationOptions({
      onSuccess: () => toast.success('The view of your account was ended.'),
      onError: (error) => toast.error(describeError(error)),
      onSettled: () =>
        queryClient.invalidateQueries({ queryKey: trpc.impersonation.accountActivity.queryKey() }),
    }),
  );
  // Members may end a live view of their own account; nobody can from inside one.

  if (activity.isPending) {
    return (
      <Card>
        <LoadingRows rows={4} label="Loading account activity…" />
      </Card>
    );
  }
  if (activity.isError) {
    return <LoadError title="Account activity could not be loaded" query={activity} />;
  }
  if (activity.data.length === 0) {
    return (
      <Card>
        <EmptyState icon={ShieldCheck} title="Nobody has viewed your account">
          When staff or a team administrator views the portal as you, it appears here with their
          reason.
        </EmptyState>
      </Card>
    );
  }

  return (
    <Card className="overflow-hidden">
      <div className="relative -mx-5 -my-4 overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">
            Times your account was viewed by someone else, newest first
          </caption>
          <ListTableHead
            columns={[
              { label: 'Who' },
              { label: 'Role' },
              { label: 'When' },
              { label: 'How long' },
              { label: 'Why, and what they saw' },
              { label: 'Mode' },
              { label: <span className="sr-only">Status</span> },
            ]}
          />
          <tbody className="divide-y divide-slate-100">
            {activity.data.map((view) => (
              <tr key={view.id} className="align-top">
                <th
                  scope="row"
                  className="px-5 py-3 text-left font-medium whitespace-nowrap text-slate-900"
                >
                  {view.actor.fullName}
                  <span className="block text-xs font-normal text-slate-500">
                    {view.target.fullName} · {view.location.name}
                  </span>
                </th>
                <td className="px-3 py-3 whitespace-nowrap text-slate-700">
                  {actorRoleLabel(view.actor.role)}
                  {view.approvedBy ? (
                    <span className="block text-xs text-slate-500" data-testid="approved-by">
                      approved by {view.approvedBy}
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-3 whitespace-nowrap text-slate-700">
                  {view.startedAt ? formatDateTime(view.startedAt) : '—'}
                </td>
                <td className="px-3 py-3 whitespace-nowrap text-slate-700">{duration(view)}</td>
                <td className="max-w-xs min-w-48 px-3 py-3 text-slate-700">
                  <p>{view.reason ?? <span className="text-slate-400">No reason given</span>}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    {view.lookSummary ? sentence(view.lookSummary) : 'Nothing recorded.'}
                  </p>
                </td>
                <td className="px-3 py-3">
                  <Badge tone={view.mode === 'FULL' ? 'amber' : 'neutral'}>
                    {modeLabel(view.mode)}
                  </Badge>
                </td>
                <td className="px-5 py-3 text-right whitespace-nowrap">
                  <span className="inline-flex items-center justify-end gap-2">
                    {view.status === 'active' ? (
                      <>
                        <Badge tone="emerald">In progress</Badge>
                        {view.canRevoke ? (
                          <Button
                            variant="secondary"
                            size="sm"
                            pending={
                              revoke.isPending && revoke.variables?.impersonationId === view.id
                            }
                            onClick={() => revoke.mutate({ impersonationId: view.id })}
                            aria-label={`End ${view.actor.fullName}'s view now`}
                          >
                            End now
                          </Button>
                        ) : null}
                      </>
                    ) : (
                      <span className="text-xs text-slate-500">
                        {view.endedReason ? (endings[view.endedReason] ?? view.endedReason) : ''}
                      </span>
                    )}
                    {view.canReport ? (
                      <ReportDialog
                        view={{
                          id: view.id,
                          viewerName: view.actor.fullName,
                          locationName: view.location.name,
                          live: view.status === 'active',
                          report: view.report,
                        }}
                        wordsMaxLength={reportWordsMaxLength}
                      />
                    ) : null}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
