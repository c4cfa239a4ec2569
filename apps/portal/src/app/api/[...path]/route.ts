import { handleRestRequest } from '@hotdesk/api/rest';

// The Nexudus-compatible REST contract, and JSON 404/405 for anything else under /api.
export const dynamic = 'force-dynamic';

export {
  handleRestRequest as GET,
  handleRestRequest as POST,
  handleRestRequest as PUT,
  handleRestRequest as PATCH,
  handleRestRequest as DELETE,
  handleRestRequest as HEAD,
  handleRestRequest as OPTIONS,
};
