'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LockKeyhole, LockKeyholeOpen } from 'lucide-react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import { formatDateTime, pluralize } from '@/lib/format';
import { type CustomerDetail, useTRPC } from '@/lib/trpc';

/**
 * Whether the customer's login is locked out of signing in, and the unlock for an admin or
 * owner of their location (the server decides who may; `canUnlock` only spares a refusal).
 */
export function SignInLockCard({ customer }: { customer: CustomerDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const lock = useQuery(trpc.coworkers.signInLock.queryOptions({ coworkerId: customer.id }));
  const unlock = useMutation(
    trpc.coworkers.unlockSignIn.mutationOptions({
      onSuccess: async () => {
        toast.success('Sign-in unlocked', {
          description: `${customer.fullName} can sign in again from anywhere.`,
        });
        await queryClient.invalidateQueries({
          queryKey: trpc.coworkers.signInLock.queryKey({ coworkerId: customer.id }),
        });
      },
      onError: (error) => {
        toast.error('Could not unlock sign-in', { description: errorMessage(error) });
      },
    }),
  );

  if (!customer.hasLogin) return null;
  const lockedUntil = lock.data?.lockedUntil ?? null;

  return (
    <Card aria-labelledby="sign-in-lock-heading" data-testid="sign-in-lock">
      <CardHeader
        id="sign-in-lock-heading"
        title="Sign-in protection"
        actions={
          lock.data ? (
            lockedUntil ? (
              <Badge tone="red">Locked</Badge>
            ) : (
              <Badge tone="green">Not locked</Badge>
            )
          ) : null
        }
      />
      <div className="space-y-3 px-5 py-4 text-sm text-slate-700">
        {lock.isPending ? (
          <div aria-label="Loading sign-in protection" className="space-y-2">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-4 w-1/2" />
          </div>
        ) : lock.isError ? (
          <div role="alert" className="text-red-700">
            <p>The lock status could not be loaded: {errorMessage(lock.error)}</p>
            <Button size="sm" className="mt-2" onClick={() => void lock.refetch()}>
              Try again
            </Button>
          </div>
        ) : lockedUntil ? (
          <>
            <p className="flex gap-2">
              <LockKeyhole aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-red-600" />
              <span>
                {lock.data.accountWide
                  ? 'Too many wrong passwords from many places: only the places this customer signed in from lately still get in.'
                  : `Wrong passwords from ${pluralize(lock.data.lockedAddresses, 'address', 'addresses')} paused sign-in from there.`}{' '}
                Until {formatDateTime(lockedUntil)}.
              </span>
            </p>
            {lock.data.canUnlock ? (
              <Button
                variant="primary"
                size="sm"
                disabled={unlock.isPending}
                aria-busy={unlock.isPending}
                onClick={() => unlock.mutate({ coworkerId: customer.id })}
              >
                <LockKeyholeOpen aria-hidden="true" />
                {unlock.isPending ? 'Unlocking…' : 'Unlock sign-in'}
              </Button>
            ) : (
              <p className="text-slate-500">An admin or owner of this location can unlock it.</p>
            )}
          </>
        ) : (
          <p>
            Wrong passwords lock out only the address they come from, so nobody elsewhere can lock
            this customer out.
          </p>
        )}
      </div>
    </Card>
  );
}
