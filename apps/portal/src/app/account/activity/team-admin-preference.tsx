'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';

import { usePortalSession } from '@/components/session-context';
import { Card } from '@/components/ui/card';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';

/**
 * The member's own switch for viewing by their team administrators. Operators' support access
 * is not affected, and nobody viewing as the member can change it (the server refuses too).
 */
export function TeamAdminPreference() {
  const trpc = useTRPC();
  const { session } = usePortalSession();
  const [allowed, setAllowed] = useState(session?.profile?.allowTeamAdminImpersonation ?? true);
  const save = useMutation(
    trpc.profiles.setTeamAdminImpersonation.mutationOptions({
      onSuccess: (_, { allow }) => {
        setAllowed(allow);
        toast.success(
          allow
            ? 'Your team administrators can view your account again.'
            : 'Your team administrators can no longer view your account.',
        );
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  if (!session?.profile) return null;
  const impersonating = session.impersonation !== null;

  return (
    <Card
      title="Who can view your account"
      description="Support staff of your coworking space can always view your portal to help you; every view is listed below."
      className="mb-6"
    >
      <div className="px-5 py-4">
        <label className="flex items-start gap-3 text-sm text-slate-700">
          <input
            type="checkbox"
            className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-50"
            checked={allowed}
            disabled={impersonating || save.isPending}
            onChange={(event) => save.mutate({ allow: event.target.checked })}
          />
          <span>
            <span className="font-medium text-slate-900">
              Let my team administrators view my account
            </span>
            <span className="mt-0.5 block text-slate-500">
              {impersonating
                ? 'Only you can change this, in your own session.'
                : 'When off, administrators of your teams cannot open your portal as you.'}
            </span>
          </span>
        </label>
      </div>
    </Card>
  );
}
