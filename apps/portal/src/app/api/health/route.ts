import { checkHealth } from '@hotdesk/api';
import { connection } from 'next/server';

import { apiRoute } from '@/lib/api-route';

/** Liveness and database reachability, for load balancers and the e2e harness. */
export const GET = apiRoute(async () => {
  // Never prerender: the answer is only meaningful at request time.
  await connection();
  const { database } = await checkHealth();
  const up = database === 'up';
  return Response.json(
    { status: up ? 'ok' : 'degraded', database, app: 'portal' },
    { status: up ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
});
