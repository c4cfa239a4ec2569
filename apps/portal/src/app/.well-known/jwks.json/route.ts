import { handleJwksRequest } from '@hotdesk/api/rest';

export const dynamic = 'force-dynamic';

export function GET() {
  return handleJwksRequest();
}
