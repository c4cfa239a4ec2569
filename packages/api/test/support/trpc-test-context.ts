import { TRPCError } from '@trpc/server';

import { type Actor } from '../../src/sessions/actor';
import { type TrpcContext } from '../../src/trpc/init';
import { type ApiTestHarness } from './api-test-harness';

/**
 * The context an app's tRPC handler would build for `actor`, without HTTP: the harness's
 * services and clock, plus a collector for the cookies the procedures set.
 */
export function trpcTestContext(
  h: ApiTestHarness,
  app: 'admin' | 'portal',
  actor: Actor | null,
  options: { sameOrigin?: boolean; sessionCookie?: string | null } = {},
): { ctx: TrpcContext; cookies: string[] } {
  const cookies: string[] = [];
  const ctx: TrpcContext = {
    ...h.ctx,
    app,
    actor,
    secureCookies: false,
    setCookie: (cookie) => cookies.push(cookie),
    sameOrigin: options.sameOrigin ?? true,
    sessionCookie: options.sessionCookie ?? null,
  };
  return { ctx, cookies };
}

/** The tRPC code a call was refused with, or 'OK' when it went through. */
export async function trpcCode(call: Promise<unknown>): Promise<TRPCError['code'] | 'OK'> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}
