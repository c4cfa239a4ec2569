'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { toast, Toaster } from 'sonner';
import superjson from 'superjson';
import { takeFlash } from '@/lib/browser-storage';
import { isPortalClientError } from '@/lib/errors';
import { sessionFingerprint, type PortalSession, type ProfilesView } from '@/lib/session';
import { TRPCProvider } from '@/trpc/react';
import { sessionGuardLink } from '@/trpc/session-guard-link';
import { SessionProvider } from './session-context';
import { SessionWatcher } from './session-watcher';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A refusal (4xx) will not change on retry; a network hiccup might.
        retry: (failures, error) => {
          const status = isPortalClientError(error) ? error.data?.httpStatus : undefined;
          return failures < 2 && (status === undefined || status >= 500);
        },
      },
    },
  });
}

function FlashMessage() {
  useEffect(() => {
    const message = takeFlash();
    if (message) toast.success(message);
  }, []);
  return null;
}

export function Providers({
  session,
  profiles,
  adminUrl,
  children,
}: {
  session: PortalSession | null;
  profiles: ProfilesView | null;
  adminUrl: string;
  children: ReactNode;
}) {
  const fingerprint = session ? sessionFingerprint(session) : null;
  const expected = useRef(fingerprint);
  useEffect(() => {
    expected.current = fingerprint;
  }, [fingerprint]);

  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient({
      links: [
        sessionGuardLink(() => expected.current),
        httpBatchLink({
          url: '/api/trpc',
          transformer: superjson,
          fetch: (url, options) => fetch(url, { ...options, credentials: 'same-origin' }),
        }),
      ],
    }),
  );

  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <SessionProvider value={{ session, profiles, adminUrl }}>
          {children}
          <SessionWatcher />
          <Toaster position="bottom-right" richColors closeButton />
          <FlashMessage />
        </SessionProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
