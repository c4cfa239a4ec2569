'use client';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AdminRouter } from '@hotdesk/api/admin';
import { Tooltip } from 'radix-ui';
import { useState, type ReactNode } from 'react';
import { Toaster } from 'sonner';
import superjson from 'superjson';
import { apiErrorData, isUnauthorized } from '@/lib/errors';
import { TRPCProvider } from '@/lib/trpc';

function makeQueryClient() {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // A refusal (4xx) will not change on retry; only faults on our side are retried.
        retry: (failures, error) => {
          const status = apiErrorData(error).httpStatus;
          return (status === undefined || status >= 500) && failures < 2;
        },
      },
    },
    // A session that ended elsewhere (signed out, expired, revoked) sends the operator back to
    // sign-in: re-reading `me` lets the console shell notice and redirect.
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthorized(error)) void client.invalidateQueries({ queryKey: [['me']] });
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isUnauthorized(error)) void client.invalidateQueries({ queryKey: [['me']] });
      },
    }),
  });
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AdminRouter>({
      links: [
        httpBatchLink({
          url: '/api/trpc',
          transformer: superjson,
          maxURLLength: 2000,
          fetch: (url, options) => fetch(url, { ...options, credentials: 'same-origin' }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <Tooltip.Provider delayDuration={300}>
          {children}
          <Toaster position="bottom-right" richColors closeButton />
        </Tooltip.Provider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
