'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';

import { usePortalSession } from '@/components/session-context';
import { Card } from '@/components/ui/card';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';

/**
 * The member's switch for being told of views by e-mail as well; the notices in the portal
 * (the bell) stay on. Only the member changes it, in their own session. It does not silence a
 * request for their consent (notifications/consent-notice.ts): that mail asks, it does not tell.
 */
export function EmailNoticePreference() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { session } = usePortalSession();
  const ownSession = session?.profile != null && !session.impersonation;
  const list = useQuery({ ...trpc.notifications.list.queryOptions(), enabled: ownSession });
  const save = useMutation(
    trpc.notifications.setEmail.mutationOptions({
      onSuccess: async (_, { email }) => {
        await queryClient.invalidateQueries(trpc.notifications.list.queryFilter());
        toast.success(
          email
            ? 'You will also be told by e-mail when someone views your account.'
            : 'You will be told in the portal only.',
        );
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  if (!ownSession || !list.data) return null;

  return (
    <Card
      title="How you are told"
      description="Whenever someone starts viewing your account, and when they stop, you get a notification here in the portal."
      className="mb-6"
    >
      <div className="px-5 py-4">
        <label className="flex items-start gap-3 text-sm text-slate-700">
          <input
            type="checkbox"
            className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-50"
            checked={list.data.emailViewNotices}
            disabled={save.isPending}
            onChange={(event) => save.mutate({ email: event.target.checked })}
          />
          <span>
            <span className="font-medium text-slate-900">Also tell me by e-mail</span>
            <span className="mt-0.5 block text-slate-500">
              Sent to the e-mail address of this profile, if it has one. A request that waits for
              your yes is e-mailed either way: unanswered, it lapses.
            </span>
          </span>
        </label>
      </div>
    </Card>
  );
}
