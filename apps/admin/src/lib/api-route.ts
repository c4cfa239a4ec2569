import { withApiSecurityHeaders } from '@hotdesk/api/security-headers';

import { env } from '../env';

/** Every route handler under /api (which the proxy skips) answers with the API headers. */
export function apiRoute<A extends unknown[]>(
  handler: (...args: A) => Response | Promise<Response>,
) {
  return withApiSecurityHeaders(handler, { https: env.HOTDESK_ADMIN_URL.startsWith('https:') });
}
