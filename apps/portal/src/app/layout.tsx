import { appUrlForRequest } from '@hotdesk/api';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { ImpersonationBanner } from '@/components/impersonation-banner';
import { Providers } from '@/components/providers';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { serverEnv } from '@hotdesk/api/env';
import { getProfiles, getSession } from '@/trpc/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Hotdesk', template: '%s · Hotdesk' },
  description: 'The Hotdesk member portal: your coworking profiles, team and account activity.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  const profiles = session ? await getProfiles() : null;
  const adminUrl = appUrlForRequest(serverEnv().HOTDESK_ADMIN_URL, (await headers()).get('host'));

  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <Providers session={session} profiles={profiles} adminUrl={adminUrl}>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:shadow"
          >
            Skip to content
          </a>
          <ImpersonationBanner />
          <SiteHeader />
          <main id="main" className={session ? 'flex-1 bg-slate-50' : 'flex-1'}>
            {children}
          </main>
          <SiteFooter />
        </Providers>
      </body>
    </html>
  );
}
