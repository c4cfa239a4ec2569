'use client';

import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { errorMessage } from '@/lib/errors';
import { type EndSession } from '@/lib/operator-context';

/** How long leaving waits for the console's reads in flight before it goes ahead anyway. */
const settleLimitMs = 5_000;

/**
 * Ends the operator's session and leaves the console. The console hides its pages while this
 * is pending (so none starts a read), and the session ends only once the reads already sent
 * have been answered: a read reaching the server after the session ended would be refused,
 * and the browser logs every refusal.
 */
export function useLeaveConsole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (end: EndSession) => {
      await settled(queryClient);
      return end();
    },
    onSuccess: (description) => toast.success('Signed out', { description }),
    onError: (error) => toast.error('Could not sign out', { description: errorMessage(error) }),
  });
}

function settled(queryClient: QueryClient): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(limit);
      unsubscribe();
      resolve();
    };
    const limit = setTimeout(done, settleLimitMs);
    const unsubscribe = queryClient.getQueryCache().subscribe(() => {
      if (queryClient.isFetching() === 0) done();
    });
    if (queryClient.isFetching() === 0) done();
  });
}
