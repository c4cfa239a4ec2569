'use client';

import { useMutation } from '@tanstack/react-query';
import { Building2, Check, ChevronsUpDown } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { toast } from 'sonner';
import { setFlash } from '@/lib/browser-storage';
import { describeError } from '@/lib/errors';
import { loadPage } from '@/lib/navigation';
import { useTRPC } from '@/trpc/react';
import { usePortalSession, useReadOnly } from './session-context';

/** After a switch, the same page as the new profile; a team page may not exist for it. */
function pageAfterSwitch() {
  const path = window.location.pathname;
  return path.startsWith('/team/permissions/') ? '/team' : path;
}

/** The navigation bar's profile menu: every profile of the user, the current one checked. */
export function ProfileSwitcher() {
  const { session, profiles } = usePortalSession();
  const readOnly = useReadOnly();
  const trpc = useTRPC();
  const switchProfile = useMutation(
    trpc.profiles.switch.mutationOptions({
      onError: (error) => toast.error(describeError(error)),
    }),
  );

  const current = session?.profile;
  if (!current || !profiles) return null;

  const choose = (value: string) => {
    const target = profiles.profiles.find((profile) => String(profile.id) === value);
    if (!target || target.isCurrent) return;
    switchProfile.mutate(
      { coworkerId: target.id },
      {
        onSuccess: () => {
          setFlash(`You are now using your ${target.location.name} profile.`);
          loadPage(pageAfterSwitch());
        },
      },
    );
  };

  // Not modal: a modal menu hides the page behind it with aria-hidden while its links stay
  // focusable.
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className="flex max-w-52 min-w-0 items-center gap-2 sm:max-w-64 rounded-md px-2.5 py-1.5 text-left text-sm ring-1 ring-slate-200 hover:bg-slate-50 data-[state=open]:bg-slate-50">
        <Building2 aria-hidden="true" className="size-4 shrink-0 text-slate-500" />
        {/* The name says what the button does and contains what it shows (WCAG 2.5.3, label in name). */}
        <span className="min-w-0">
          <span className="sr-only">Switch profile, current: </span>
          <span className="block truncate font-medium text-slate-900">{current.location.name}</span>
          <span className="sr-only">, </span>
          <span className="block truncate text-xs text-slate-500">
            {current.companyName ?? 'Individual'}
          </span>
        </span>
        <ChevronsUpDown aria-hidden="true" className="size-4 shrink-0 text-slate-400" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 w-72 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
        >
          <DropdownMenu.Label className="px-2.5 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Your profiles
          </DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={String(current.id)} onValueChange={choose}>
            {profiles.profiles.map((profile) => (
              <DropdownMenu.RadioItem
                key={profile.id}
                value={String(profile.id)}
                disabled={
                  !profile.active || switchProfile.isPending || (readOnly && !profile.isCurrent)
                }
                className="flex cursor-pointer items-start gap-2 rounded-md px-2.5 py-2 text-sm outline-none data-[disabled]:cursor-not-allowed data-[disabled]:opacity-50 data-[highlighted]:bg-indigo-50"
              >
                <span className="mt-0.5 size-4 shrink-0">
                  <DropdownMenu.ItemIndicator>
                    <Check aria-hidden="true" className="size-4 text-indigo-600" />
                  </DropdownMenu.ItemIndicator>
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block font-medium text-slate-900">{profile.location.name}</span>
                  <span className="block text-xs text-slate-500">
                    {profile.companyName ?? 'Individual'} · {profile.fullName}
                  </span>
                </span>
                {profile.isCurrent ? (
                  <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700">
                    Current
                  </span>
                ) : null}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          {session.impersonation ? (
            <p className="px-2.5 py-2 text-xs text-slate-500">
              Only the profile being viewed is available.
            </p>
          ) : null}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
