import { type AnyTRPCRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';

import { type TrpcContext } from '../../src/trpc/init';

export interface TrpcWireError {
  message: string;
  data: { code: string; httpStatus: number; field: string | null; reason: string | null };
}

/**
 * One call as an app's browser makes it, through tRPC's fetch handler with a given context: the
 * status and the error body the client sees (the error formatter applied), which `createCaller`
 * skips.
 */
export async function callOverFetch(
  router: AnyTRPCRouter,
  ctx: TrpcContext,
  path: string,
  input: unknown,
  type: 'query' | 'mutation' = 'query',
): Promise<{ status: number; error: TrpcWireError | null }> {
  const url = new URL(`http://app.test/api/trpc/${path}`);
  const serialized = JSON.stringify(superjson.serialize(input));
  if (type === 'query') url.searchParams.set('input', serialized);
  const request = new Request(url, {
    method: type === 'query' ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: type === 'query' ? undefined : serialized,
  });
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router,
    createContext: () => ctx,
  });
  const body = (await response.json()) as { error?: { json: TrpcWireError } };
  return { status: response.status, error: body.error?.json ?? null };
}
