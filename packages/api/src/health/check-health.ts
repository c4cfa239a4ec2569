import { getRuntime, type Runtime } from '../runtime';

export type Health = { database: 'up' | 'down' } | { configuration: 'invalid' };

/**
 * Whether this app instance can reach its database. An instance whose settings do not
 * validate never gets that far: it says so, rather than blame a database it never tried.
 */
export async function checkHealth(): Promise<Health> {
  let runtime: Runtime;
  try {
    runtime = await getRuntime();
  } catch {
    return { configuration: 'invalid' };
  }
  try {
    await runtime.db.$queryRaw`SELECT 1`;
    return { database: 'up' };
  } catch {
    return { database: 'down' };
  }
}

/** `/api/health` of either app: liveness and database reachability, for load balancers. */
export async function handleHealthRequest(app: 'admin' | 'portal'): Promise<Response> {
  const health = await checkHealth();
  const status =
    'configuration' in health ? 'misconfigured' : health.database === 'up' ? 'ok' : 'degraded';
  const up = status === 'ok';
  return Response.json(
    { status, ...health, app },
    { status: up ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
