import { safeRedirectPath } from '@hotdesk/api/safe-redirect';
import { ShieldCheck, Timer, Users } from 'lucide-react';
import { appUrlForRequest } from '@hotdesk/api';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { Logo } from '@/components/logo';
import { serverEnv } from '@hotdesk/api/env';
import { endedSessionNotice } from '@/lib/ended-session-notice';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

/** Only paths of this app are followed after sign-in, so `next` cannot send anyone elsewhere. */
function safeNext(next: string | string[] | undefined): string {
  return safeRedirectPath(Array.isArray(next) ? next[0] : next, {
    origin: serverEnv().HOTDESK_ADMIN_URL,
    fallback: '/customers',
    avoid: ['/sign-in'],
  });
}

const points = [
  { icon: Users, text: 'Find any customer of your locations in a keystroke.' },
  { icon: ShieldCheck, text: 'See the member portal as they do: read-only unless you say so.' },
  { icon: Timer, text: 'Short, revocable sessions. Every step is in the audit log.' },
];

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Per request: the portal link follows the running deployment, not the build.
  await connection();
  const { next } = await searchParams;
  const notice = await endedSessionNotice();
  const portalUrl = appUrlForRequest(serverEnv().HOTDESK_PORTAL_URL, (await headers()).get('host'));
  return (
    <div className="grid min-h-dvh lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
      <section
        aria-label="About Hotdesk Admin"
        className="hidden flex-col justify-between bg-slate-900 p-10 text-white lg:flex"
      >
        <div className="flex items-center gap-2.5 text-lg font-semibold tracking-tight">
          <Logo className="size-9" />
          Hotdesk Admin
        </div>
        <div>
          <p className="text-sm font-semibold tracking-wide text-teal-300 uppercase">
            Operator console
          </p>
          <p className="mt-3 max-w-md text-3xl font-semibold tracking-tight">
            Support your members with confidence.
          </p>
          <ul className="mt-8 space-y-4">
            {points.map(({ icon: Icon, text }) => (
              <li key={text} className="flex items-start gap-3 text-slate-300">
                <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-teal-400" />
                {text}
              </li>
            ))}
          </ul>
        </div>
        <p className="text-sm text-slate-400">For Hotdesk staff only. All access is audited.</p>
      </section>
      <main id="main" className="flex flex-col items-center justify-center bg-white px-6 py-12">
        <div className="w-full max-w-sm">
          <div className="mb-8 flex items-center gap-2.5 font-semibold lg:hidden">
            <Logo className="size-8" />
            Hotdesk Admin
          </div>
          <noscript>
            <p className="mb-6 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
              Signing in needs JavaScript. Turn it on for this site, then reload the page.
            </p>
          </noscript>
          {notice ? (
            <div
              role="status"
              className="mb-6 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
            >
              <p className="font-semibold">You were signed out</p>
              <p className="mt-1">{notice.message}</p>
            </div>
          ) : null}
          <SignInForm next={safeNext(next)} portalUrl={portalUrl} />
          <p className="mt-10 border-t border-slate-200 pt-6 text-sm text-slate-500">
            Looking for your membership?{' '}
            <a
              href={portalUrl}
              className="font-medium text-teal-700 underline-offset-4 hover:underline"
            >
              Go to the member portal
            </a>
          </p>
        </div>
      </main>
    </div>
  );
}
