import { type TrpcContext } from '../trpc/init';
import { authenticateAccessToken } from './authenticate';

/**
 * The session this browser holds as itself (its session cookie, or a bearer), whether or not
 * it is viewing someone just now; null when it holds none. A team administrator's link opens
 * only where this is her own session.
 */
export async function ownSessionOfBrowser(
  ctx: Pick<
    TrpcContext,
    'actor' | 'sessionCookie' | 'app' | 'db' | 'keys' | 'config' | 'now' | 'request'
  >,
): Promise<string | null> {
  if (ctx.actor && !ctx.actor.impersonation) return ctx.actor.sessionId;
  if (!ctx.sessionCookie) return null;
  const own = await authenticateAccessToken(
    ctx,
    ctx.sessionCookie,
    ctx.app === 'admin' ? 'ADMIN' : 'PORTAL',
  );
  return own && !own.impersonation ? own.sessionId : null;
}
