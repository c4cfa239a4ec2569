import { portalRouter } from '../../src/portal';
import { type Actor } from '../../src/sessions/actor';
import { handleTrpcRequest } from '../../src/trpc/handle-trpc-request';
import { type ApiTestHarness } from './api-test-harness';
import { trpcTestContext } from './trpc-test-context';

/** What a browser reads back from the portal's `/api/trpc` for one call. */
export interface TrpcAnswer<T = unknown> {
  status: number;
  data: T | null;
  error: {
    message: string;
    data: { code: string; httpStatus: number; field: string | null; reason: string | null };
  } | null;
}

/**
 * The portal's tRPC procedures as the browser calls them, through the real request handler and
 * error formatter, for `actor`: what a client sees (status, message, the field named), not
 * what a server-side caller catches.
 */
export function portalOverHttp(h: ApiTestHarness, actor: Actor | null) {
  const call = async <T>(
    path: string,
    input: unknown,
    mutation: boolean,
  ): Promise<TrpcAnswer<T>> => {
    const url = new URL(`http://portal.test/api/trpc/${path}`);
    if (!mutation) url.searchParams.set('input', JSON.stringify({ json: input }));
    const request = new Request(url, {
      method: mutation ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json' },
      ...(mutation ? { body: JSON.stringify({ json: input }) } : {}),
    });
    const response = await handleTrpcRequest(
      request,
      portalRouter,
      async () => trpcTestContext(h, 'portal', actor).ctx,
    );
    const body = (await response.json()) as {
      result?: { data: { json: T } };
      error?: { json: NonNullable<TrpcAnswer['error']> };
    };
    return {
      status: response.status,
      data: body.result?.data.json ?? null,
      error: body.error?.json ?? null,
    };
  };
  return {
    query: <T = unknown>(path: string, input?: unknown) => call<T>(path, input, false),
    mutation: <T = unknown>(path: string, input?: unknown) => call<T>(path, input, true),
  };
}
