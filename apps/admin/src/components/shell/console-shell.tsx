'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { ErrorState, Spinner } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import { OperatorProvider } from '@/lib/operator-context';
import { useTRPC } from '@/lib/trpc';
import { RequestOutcomeToasts } from './request-outcome-toasts';
import { Sidebar } from './sidebar';
import { useLeaveConsole } from './use-leave-console';

/**
 * The signed-in frame of every console page. Who is signed in comes from `me`; a visitor
 * without a session is sent to sign-in with the way back in `next`, and an operator who signs
 * out goes to sign-in without one.
 */
export function ConsoleShell({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const me = useQuery({ ...trpc.me.queryOptions(), staleTime: 60_000 });
  const leaving = useLeaveConsole();
  const signedOutHere = leaving.isSuccess;
  const signedOut = me.data === null || signedOutHere;

  useEffect(() => {
    if (!signedOut) return;
    // The pages are unmounted by now (the spinner below replaced them), so nothing asks the
    // server again as a signed-out visitor; what was cached for the operator is forgotten,
    // and sign-in finds no one signed in.
    queryClient.clear();
    queryClient.setQueryData(trpc.me.queryKey(), null);
    const next = `${pathname}${window.location.search}`;
    router.replace(signedOutHere ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`);
  }, [signedOut, signedOutHere, pathname, router, queryClient, trpc]);

  if (me.isPending || me.data === null || signedOutHere || leaving.isPending) {
    return (
      <div className="flex min-h-dvh items-center justify-center">
        <Spinner
          label={
            leaving.isPending
              ? 'Signing out…'
              : signedOut
                ? 'Redirecting to sign-in…'
                : 'Loading the console…'
          }
        />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="flex min-h-dvh items-center justify-center">
        <ErrorState
          title="The console could not be loaded"
          message={errorMessage(me.error)}
          onRetry={() => void me.refetch()}
        />
      </div>
    );
  }

  return (
    <OperatorProvider operator={me.data} leave={leaving.mutate}>
      <RequestOutcomeToasts />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-slate-900 focus:shadow"
      >
        Skip to content
      </a>
      <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_minmax(0,1fr)]">
        <div className="bg-slate-900">
          <Sidebar />
        </div>
        <main id="main" tabIndex={-1} className="min-w-0 focus:outline-none">
          {children}
        </main>
      </div>
    </OperatorProvider>
  );
}
