import { serverEnv } from '@hotdesk/api/env';
import { withApiSecurityHeaders } from '@hotdesk/api/security-headers';

/** Every route handler under /api (which the proxy skips) answers with the API headers. */
export function apiRoute<A extends unknown[]>(
  handler: (...args: A) => Response | Promise<Response>,
) {
  return withApiSecurityHeaders(handler, {
    https: () => serverEnv().HOTDESK_PORTAL_URL.startsWith('https:'),
  });
}
