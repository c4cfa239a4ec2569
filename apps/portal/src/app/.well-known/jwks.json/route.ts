import { handleJwksRequest } from '@hotdesk/api/rest';

import { apiRoute } from '@/lib/api-route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(handleJwksRequest);
