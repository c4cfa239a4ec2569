import { getRuntime } from '../runtime';

/** Whether this app instance can reach its database; used by `/api/health`. */
export async function checkHealth(): Promise<{ database: 'up' | 'down' }> {
  try {
    const { db } = await getRuntime();
    await db.$queryRaw`SELECT 1`;
    return { database: 'up' };
  } catch {
    return { database: 'down' };
  }
}
