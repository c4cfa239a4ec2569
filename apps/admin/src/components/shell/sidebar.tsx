'use client';

import { useQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import {
  Flag,
  History,
  LogOut,
  MonitorSmartphone,
  ScrollText,
  ShieldCheck,
  UserCheck,
  Users,
  type LucideIcon,
} from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Logo } from '@/components/logo';
import { roleName } from '@/lib/format';
import { useOperator } from '@/lib/operator-context';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import { LocationSwitcher } from './location-switcher';

const links: Array<{ href: string; label: string; icon: LucideIcon }> = [
  { href: '/customers', label: 'Customers', icon: Users },
  { href: '/impersonations', label: 'Active impersonations', icon: History },
  { href: '/approvals', label: 'Approvals', icon: UserCheck },
  { href: '/audit', label: 'Audit log', icon: ScrollText },
  { href: '/policies', label: 'Policies', icon: ShieldCheck },
];

const reportsLink = { href: '/reports', label: 'Member reports', icon: Flag };

/** How often the count of open member reports is asked again while the console is open. */
const reportsPollMs = 30_000;

export function Sidebar() {
  const pathname = usePathname();
  const waiting = useApprovalsWaiting();
  const openReports = useOpenReports();
  // Only those who review reports (the API's answer) see the page and its count.
  const shown = openReports === null ? links : [...links, reportsLink];
  const counts: Record<string, Count> = {
    '/approvals': { count: waiting, meaning: 'waiting for you', testId: 'approvals-count' },
    [reportsLink.href]: { count: openReports ?? 0, meaning: 'open', testId: 'open-reports' },
  };
  return (
    <aside className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-slate-300 lg:sticky lg:top-0 lg:h-dvh lg:flex-col lg:flex-nowrap lg:items-stretch lg:gap-0 lg:p-0">
      <Link
        href="/customers"
        className="flex items-center gap-2.5 font-semibold tracking-tight text-white lg:h-16 lg:px-5"
      >
        <Logo className="size-8" />
        <span>Hotdesk Admin</span>
      </Link>
      <div className="lg:px-3 lg:pb-3">
        <LocationSwitcher />
      </div>
      <nav aria-label="Main" className="flex-1 lg:border-t lg:border-slate-800 lg:px-3 lg:py-4">
        <ul className="flex flex-wrap gap-1 lg:flex-col">
          {shown.map(({ href, label, icon: Icon }) => {
            const active = pathname === href || pathname.startsWith(`${href}/`);
            return (
              <li key={href}>
                <Link
                  href={href}
                  aria-current={active ? 'page' : undefined}
                  className={clsx(
                    'flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors',
                    active
                      ? 'bg-slate-800 text-white'
                      : 'text-slate-300 hover:bg-slate-800/60 hover:text-white',
                  )}
                >
                  <Icon
                    aria-hidden="true"
                    className={clsx('size-4', active ? 'text-teal-400' : 'text-slate-400')}
                  />
                  {label}
                  <CountBadge {...counts[href]} />
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <OperatorCard />
    </aside>
  );
}

interface Count {
  count: number;
  /** Read after the number by screen readers: "2 open", "1 waiting for you". */
  meaning: string;
  testId: string;
}

function CountBadge({ count, meaning, testId }: Partial<Count>) {
  if (!count) return null;
  return (
    // The space keeps "Member reports 2 open" apart for screen readers.
    <>
      {' '}
      <span
        data-testid={testId}
        className="ml-auto rounded-full bg-amber-500 px-2 py-0.5 text-xs font-semibold text-slate-950 tabular-nums"
      >
        {count}
        <span className="sr-only"> {meaning}</span>
      </span>
    </>
  );
}

/** Open member reports, or null for those who do not review them. */
function useOpenReports(): number | null {
  const trpc = useTRPC();
  const reports = useQuery({
    ...trpc.reports.summary.queryOptions(),
    refetchInterval: reportsPollMs,
  });
  return reports.data?.mayReview ? reports.data.open : null;
}

/** Requests this operator may decide now (the server's `canDecide`), for the sidebar's count. */
function useApprovalsWaiting(): number {
  const trpc = useTRPC();
  const pending = useQuery({
    ...trpc.accessRequests.pending.queryOptions(),
    refetchInterval: 10_000,
  });
  return pending.data?.filter((request) => request.canDecide).length ?? 0;
}

function OperatorCard() {
  const { operator, leave } = useOperator();
  const client = useTRPCClient();
  const signOut = () =>
    leave(async () => {
      await client.session.signOut.mutate();
      return 'Your console session has ended.';
    });
  const initials = operator.user.fullName
    .split(/\s+/)
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const roles = operator.roles
    .map((role) => `${roleName(role.role)} · ${role.location?.name ?? 'All locations'}`)
    .join(', ');

  return (
    <div className="ml-auto flex items-center gap-3 lg:ml-0 lg:flex-col lg:items-stretch lg:border-t lg:border-slate-800 lg:p-4">
      <div className="flex min-w-0 items-center gap-3">
        <span
          aria-hidden="true"
          className="flex size-9 shrink-0 items-center justify-center rounded-full bg-teal-700 text-sm font-semibold text-white"
        >
          {initials}
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium text-white" data-testid="operator-name">
            {operator.user.fullName}
          </p>
          <p
            className="line-clamp-2 text-xs text-slate-400"
            data-testid="operator-role"
            title={roles}
          >
            {roles}
          </p>
        </div>
      </div>
      <Link
        href="/sessions"
        className="inline-flex items-center justify-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-300 hover:bg-slate-800 hover:text-white"
      >
        <MonitorSmartphone aria-hidden="true" className="size-4" />
        Your sessions
      </Link>
      <button
        type="button"
        onClick={signOut}
        className="inline-flex items-center justify-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-300 ring-1 ring-slate-700 hover:bg-slate-800 hover:text-white"
      >
        <LogOut aria-hidden="true" className="size-4" />
        Sign out
      </button>
    </div>
  );
}
