'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { Bell } from 'lucide-react';
import Link from 'next/link';
import { Popover } from 'radix-ui';
import { useId } from 'react';
import { toast } from 'sonner';

import { describeError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/react';

import { ConsentAnswerButtons } from './consent-answer';
import { ReportDialog } from './report-view-dialog';
import { Button } from './ui/button';
import { usePortalSession } from './session-context';

const countText = (unread: number) =>
  unread === 0
    ? 'No unread notifications'
    : `${unread} unread notification${unread === 1 ? '' : 's'}`;

/**
 * The member's notices of views of their account. Hidden while someone views as the member:
 * the notices are the member's to read (the server refuses them to a view too).
 */
export function NotificationBell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { session } = usePortalSession();
  const headingId = useId();
  const ownSession = session != null && !session.impersonation;
  const list = useQuery({
    ...trpc.notifications.list.queryOptions(),
    enabled: ownSession,
    refetchInterval: 30_000,
  });
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.notifications.list.queryFilter()),
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  if (!ownSession) return null;
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  return (
    <Popover.Root>
      <Popover.Trigger
        aria-label={`Notifications: ${countText(unread).toLowerCase()}`}
        className="relative flex size-9 items-center justify-center rounded-full text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <Bell aria-hidden="true" className="size-5" />
        {unread > 0 ? (
          <span
            aria-hidden="true"
            className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs leading-5 font-semibold text-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </Popover.Trigger>
      {/* Said once when the count changes, not on every render. */}
      <span className="sr-only" role="status">
        {list.data && unread > 0 ? countText(unread) : ''}
      </span>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={6}
          aria-labelledby={headingId}
          className="z-50 w-[min(24rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white shadow-lg"
        >
          <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
            <h2 id={headingId} className="text-sm font-semibold text-slate-900">
              Notifications
            </h2>
            {unread > 0 ? (
              <Button
                variant="ghost"
                size="sm"
                disabled={markRead.isPending}
                onClick={() => markRead.mutate({})}
              >
                Mark all read
              </Button>
            ) : null}
          </div>
          {items.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-500">
              {list.isError ? 'Notifications could not be loaded.' : 'Nothing new.'}
            </p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {items.map((item) => (
                <li key={item.id} className={clsx('px-4 py-3', !item.read && 'bg-indigo-50/60')}>
                  <p className="text-sm font-medium text-slate-900">
                    {item.read ? null : <span className="sr-only">Unread: </span>}
                    {item.title}
                  </p>
                  <ul className="mt-1 space-y-0.5 text-sm text-slate-600">
                    {item.lines.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                  {item.consent ? (
                    <ConsentAnswerButtons
                      requestId={item.consent.requestId}
                      answer={item.consent.answer}
                    />
                  ) : null}
                  <div className="mt-1 flex items-center justify-between gap-2">
                    <p className="text-xs text-slate-600">{formatDateTime(item.createdAt)}</p>
                    {item.view?.canReport && item.impersonationId ? (
                      <ReportDialog
                        view={{ id: item.impersonationId, ...item.view }}
                        wordsMaxLength={list.data?.reportWordsMaxLength ?? 0}
                      />
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-slate-100 px-4 py-2.5 text-sm">
            <Popover.Close asChild>
              <Link
                href="/account/activity"
                className="font-medium text-indigo-700 hover:text-indigo-600"
              >
                Review or end views in Account activity
              </Link>
            </Popover.Close>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
