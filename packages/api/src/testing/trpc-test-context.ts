import { type Actor } from '../sessions/actor';
import { type TrpcContext } from '../trpc/init';
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
