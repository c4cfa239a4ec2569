import { handleRestRequest } from '@hotdesk/api/rest';

import { apiRoute } from '@/lib/api-route';

// The Nexudus-compatible REST contract, and JSON 404/405 for anything else under /api.
export const dynamic = 'force-dynamic';

const handler = apiRoute(handleRestRequest);

export {
  handler as GET,
  handler as POST,
  handler as PUT,
  handler as PATCH,
  handler as DELETE,
  handler as HEAD,
  handler as OPTIONS,
};
