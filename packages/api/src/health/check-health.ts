import { getRuntime } from '../runtime';

/** Whether this app instance can reach its database. */
export async function checkHealth(): Promise<{ database: 'up' | 'down' }> {
  try {
    const { db } = await getRuntime();
    await db.$queryRaw`SELECT 1`;
    return { database: 'up' };
  } catch {
    return { database: 'down' };
  }
}

/** `/api/health` of either app: liveness and database reachability, for load balancers. */
export async function handleHealthRequest(app: 'admin' | 'portal'): Promise<Response> {
  const { database } = await checkHealth();
  const up = database === 'up';
  return Response.json(
    { status: up ? 'ok' : 'degraded', database, app },
    { status: up ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
