import { serverEnv } from '@hotdesk/api/env';
import { createNonce, securityHeaders } from '@hotdesk/api/security-headers';
import { NextResponse, type NextRequest } from 'next/server';

// Both spellings of the admin session cookie (packages/api sessions/cookies.ts): `__Host-`
// prefixed when served over https.
const sessionCookies = ['hotdesk_admin_session', '__Host-hotdesk_admin_session'];
// The folders of app/(console); e2e admin-smoke reads them and fails when one is missing here.
// A path outside them (an unknown one included) is not sent to sign-in: it answers 404.
const consolePaths = [
  '/approvals',
  '/audit',
  '/customers',
  '/impersonations',
  '/policies',
  '/reports',
  '/sessions',
];

/**
 * Security headers on every answer (the CSP nonce also travels on the request to Next.js).
 * A visitor of the console without a session cookie goes straight to sign-in, remembering
 * where they were going: only a convenience, the API decides who is signed in.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const env = serverEnv();
  const headers = securityHeaders({
    nonce: createNonce(),
    development: env.NODE_ENV === 'development',
    https: env.HOTDESK_ADMIN_URL.startsWith('https:'),
  });
  const inConsole = consolePaths.some(
    (path) => pathname === path || pathname.startsWith(`${path}/`),
  );
  let response: NextResponse;
  if (inConsole && !sessionCookies.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = '';
    url.searchParams.set('next', `${pathname}${search}`);
    response = NextResponse.redirect(url);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// API routes set their own headers (lib/api-route.ts).
export const config = {
  matcher: [{ source: '/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)' }],
};
