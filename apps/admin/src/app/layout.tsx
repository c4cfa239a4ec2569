import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

// Rendered per request so Next.js can put this request's CSP nonce on its scripts (proxy.ts).
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Hotdesk Admin', template: '%s · Hotdesk Admin' },
  description: 'Hotdesk Admin: customer search, view-as-member and the audit log for operators.',
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-slate-50 text-slate-900">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
