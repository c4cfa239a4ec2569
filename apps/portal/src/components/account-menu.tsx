'use client';

import { useMutation } from '@tanstack/react-query';
import { LogOut, MonitorSmartphone } from 'lucide-react';
import Link from 'next/link';
import { DropdownMenu } from 'radix-ui';
import { toast } from 'sonner';
import { setFlash } from '@/lib/browser-storage';
import { describeError } from '@/lib/errors';
import { loadPage } from '@/lib/navigation';
import { useTRPC } from '@/trpc/react';
import { usePortalSession } from './session-context';

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

/** The person's own menu. Hidden while impersonating: the banner's Exit is the way out. */
export function AccountMenu() {
  const { session, profiles } = usePortalSession();
  const trpc = useTRPC();
  const signOut = useMutation(
    trpc.session.signOut.mutationOptions({
      onSuccess: () => {
        setFlash('You have signed out.');
        loadPage('/', { replace: true });
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  if (!session || session.impersonation) return null;
  const name = profiles?.user.fullName || session.profile?.fullName || 'Your account';
  const email = profiles?.user.email ?? session.profile?.email ?? null;

  // Not modal: a modal menu hides the page behind it with aria-hidden while its links stay
  // focusable.
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className="flex size-9 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white hover:bg-indigo-700">
        {/* The initials are an avatar, a picture of the person: the name is spelt out instead. */}
        <span aria-hidden="true">{initials(name)}</span>
        <span className="sr-only">Account menu for {name}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 w-60 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
        >
          <DropdownMenu.Label className="px-2.5 py-2">
            <span className="block text-sm font-medium text-slate-900">{name}</span>
            {email ? <span className="block truncate text-xs text-slate-500">{email}</span> : null}
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          <DropdownMenu.Item asChild>
            <Link
              href="/account/sessions"
              className="flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-2 text-sm text-slate-700 outline-none data-[highlighted]:bg-slate-100"
            >
              <MonitorSmartphone aria-hidden="true" className="size-4" />
              Signed-in devices
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            disabled={signOut.isPending}
            onSelect={() => signOut.mutate()}
            className="flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-2 text-sm text-slate-700 outline-none data-[highlighted]:bg-slate-100"
          >
            <LogOut aria-hidden="true" className="size-4" />
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
