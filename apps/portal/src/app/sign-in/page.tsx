import { safeRedirectPath } from '@hotdesk/api/safe-redirect';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { serverEnv } from '@hotdesk/api/env';
import { getEndedNotice, getSession } from '@/trpc/server';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: PageProps<'/sign-in'>) {
  const { next } = await searchParams;
  // Only paths of the portal are followed, so `next` cannot send anyone to another site.
  const nextPath = safeRedirectPath(typeof next === 'string' ? next : null, {
    origin: serverEnv().HOTDESK_PORTAL_URL,
    fallback: '/',
    avoid: ['/sign-in'],
  });
  if (await getSession()) redirect(nextPath);
  // Rendered on the server: the member learns why even before any script runs.
  const notice = await getEndedNotice();

  return (
    <section aria-labelledby="sign-in-heading" className="bg-gradient-to-b from-indigo-50 to-white">
      <div className="mx-auto max-w-md px-4 py-16 sm:px-6 sm:py-24">
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 id="sign-in-heading" className="text-2xl font-semibold tracking-tight">
            Sign in
          </h1>
          <p className="mt-2 text-sm text-slate-600">
            Use the email address and password of your Hotdesk membership.
          </p>
          <noscript>
            <p className="mt-6 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
              Signing in needs JavaScript. Turn it on for this site, then reload the page.
            </p>
          </noscript>
          {notice ? (
            <Alert tone="locked" title="You were signed out" className="mt-4">
              {notice.message}
            </Alert>
          ) : null}
          <SignInForm next={nextPath} />
        </div>
        <p className="mt-6 text-center text-sm text-slate-600">
          Forgot your password? The front desk at your location can send you a reset link.
        </p>
      </div>
    </section>
  );
}
