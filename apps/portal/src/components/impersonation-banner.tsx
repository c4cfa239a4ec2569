'use client';

import { useMutation } from '@tanstack/react-query';
import { Eye, LogOut, Timer } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { takeImpersonationReturn } from '@/lib/browser-storage';
import { describeError, errorCode } from '@/lib/errors';
import { formatClock, modeLabel } from '@/lib/format';
import { impersonationReturnUrl } from '@/lib/impersonation-return';
import { loadPage } from '@/lib/navigation';
import { useTRPC } from '@/trpc/react';
import { SESSION_CHANGED_EVENT } from '@/trpc/session-guard-link';
import { Button } from './ui/button';
import { useImpersonationAnnouncement } from './impersonation-announcement';
import { usePortalSession } from './session-context';

/** Milliseconds left until `expiresAt`, ticking every second; null until mounted (no SSR clock). */
function useTimeLeft(expiresAt: Date): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now === null ? null : expiresAt.getTime() - now;
}

/**
 * Shown above every page while someone views the portal as a member. It has no close button on
 * purpose: the only way out is Exit, which ends the impersonated session at once.
 */
export function ImpersonationBanner() {
  const { session, adminUrl } = usePortalSession();
  const impersonation = session?.impersonation ?? null;
  const trpc = useTRPC();
  const timeLeft = useTimeLeft(impersonation?.expiresAt ?? new Date(0));
  const ended = timeLeft !== null && timeLeft <= 0;
  const targetName = session?.profile?.fullName ?? 'a member';
  const actorRole = impersonation?.kind === 'OPERATOR' ? 'staff' : 'team administrator';
  const announcement = useImpersonationAnnouncement(
    impersonation && {
      targetName,
      actorName: impersonation.actorName,
      actorRole,
      mode: impersonation.mode,
    },
    timeLeft,
  );

  useEffect(() => {
    // Let the session watcher confirm with the server and block the page.
    if (ended) window.dispatchEvent(new Event(SESSION_CHANGED_EVENT));
  }, [ended]);

  const exit = useMutation(
    trpc.impersonation.exit.mutationOptions({
      onSuccess: (result) => {
        const back =
          result.kind === 'OPERATOR' ? result.returnTo : (takeImpersonationReturn() ?? '/team');
        loadPage(back, { replace: true });
      },
      onError: (error) => {
        // Already over (expired or revoked): there is nothing left to end, just go back.
        const code = errorCode(error);
        if ((code === 'UNAUTHORIZED' || code === 'BAD_REQUEST') && session) {
          loadPage(impersonationReturnUrl(session, adminUrl), { replace: true });
          return;
        }
        toast.error(describeError(error));
      },
    }),
  );

  if (!session || !impersonation) return null;

  return (
    <>
      <div
        role="region"
        aria-label="Impersonation"
        className="sticky top-0 z-40 border-b-2 border-amber-500 bg-amber-300 text-amber-950 shadow-md"
      >
        <p role="status" className="sr-only">
          {announcement}
        </p>
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5 sm:px-6">
          <Eye aria-hidden="true" className="hidden size-5 shrink-0 sm:block" />
          <div className="w-full min-w-0 text-sm leading-6 sm:w-auto sm:flex-1">
            <p>
              <span className="font-semibold">Viewing as {targetName}</span>{' '}
              <span>
                by {impersonation.actorName} ({actorRole})
              </span>{' '}
              <span className="ml-1 inline-flex items-center rounded-full bg-amber-950 px-2 py-0.5 text-xs font-semibold text-amber-50">
                {modeLabel(impersonation.mode)}
              </span>
            </p>
            {impersonation.reason ? (
              <p className="truncate text-xs text-amber-900">Reason: {impersonation.reason}</p>
            ) : null}
          </div>
          <p className="flex flex-1 items-center gap-1.5 text-sm font-medium tabular-nums sm:flex-none">
            <Timer aria-hidden="true" className="size-4" />
            {ended ? (
              <span>Session ended</span>
            ) : (
              <>
                <span>Time left</span>
                <span role="timer" aria-label="Time left">
                  {timeLeft === null ? '--:--' : formatClock(timeLeft)}
                </span>
              </>
            )}
          </p>
          <Button
            variant="warning"
            size="sm"
            pending={exit.isPending}
            onClick={() => exit.mutate()}
          >
            <LogOut aria-hidden="true" className="size-4" />
            Exit
          </Button>
        </div>
      </div>
      {/* A frame around the whole window, so no screen of the portal looks like the member's own. */}
      <div
        aria-hidden="true"
        className="pointer-events-none fixed inset-0 z-30 border-4 border-amber-400"
      />
    </>
  );
}
