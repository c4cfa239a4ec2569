'use client';

import { clsx } from 'clsx';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { AccountMenu } from './account-menu';
import { Logo } from './logo';
import { NotificationBell } from './notification-bell';
import { ProfileSwitcher } from './profile-switcher';
import { usePortalSession } from './session-context';

const links = [
  { href: '/', label: 'Dashboard' },
  { href: '/bookings', label: 'Bookings' },
  { href: '/invoices', label: 'Invoices' },
  { href: '/membership', label: 'Membership' },
  { href: '/team', label: 'Team' },
  { href: '/account/activity', label: 'Account activity' },
] as const;

function isActive(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function SiteHeader() {
  const { session } = usePortalSession();
  const pathname = usePathname();

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex min-h-16 max-w-6xl items-center justify-between gap-x-6 px-4 py-2 sm:px-6">
        <div className="flex min-w-0 items-center gap-8">
          <Link
            href="/"
            aria-label="Hotdesk home"
            className="flex items-center gap-2.5 font-semibold tracking-tight"
          >
            <Logo className="size-8" />
            <span className="hidden text-lg min-[400px]:inline">Hotdesk</span>
          </Link>
          {session ? (
            <nav aria-label="Main" className="hidden md:block">
              <NavLinks pathname={pathname} />
            </nav>
          ) : null}
        </div>
        {session ? (
          <div className="flex min-w-0 items-center gap-2">
            <ProfileSwitcher />
            <NotificationBell />
            <AccountMenu />
          </div>
        ) : (
          <nav aria-label="Account">
            <Link
              href="/sign-in"
              className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900"
            >
              Sign in
            </Link>
          </nav>
        )}
      </div>
      {session ? (
        <nav
          aria-label="Main (compact)"
          className="border-t border-slate-100 px-2 py-1.5 md:hidden"
        >
          <NavLinks pathname={pathname} />
        </nav>
      ) : null}
    </header>
  );
}

function NavLinks({ pathname }: { pathname: string }) {
  return (
    <ul className="flex items-center gap-1 overflow-x-auto">
      {links.map((link) => {
        const active = isActive(pathname, link.href);
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={active ? 'page' : undefined}
              className={clsx(
                'block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap',
                active
                  ? 'bg-indigo-50 text-indigo-700'
                  : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
              )}
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
