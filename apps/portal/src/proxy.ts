import { serverEnv } from '@hotdesk/api/env';
import { createNonce, securityHeaders } from '@hotdesk/api/security-headers';
import { NextResponse, type NextRequest } from 'next/server';

/** Security headers on every answer; the CSP nonce also travels on the request to Next.js. */
export function proxy(request: NextRequest) {
  const env = serverEnv();
  const headers = securityHeaders({
    nonce: createNonce(),
    development: env.NODE_ENV === 'development',
    https: env.HOTDESK_PORTAL_URL.startsWith('https:'),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// API routes set their own headers (lib/api-route.ts).
export const config = {
  matcher: [
    { source: '/((?!api/|\\.well-known/|_next/static|_next/image|favicon.ico|icon.svg).*)' },
  ],
};
