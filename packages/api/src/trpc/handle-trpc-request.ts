import { type AnyTRPCRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

import { logger } from '../logging/logger';
import { type TrpcContext } from './init';

/** Serves one app's router at `/api/trpc`; unexpected faults are logged, never their inputs. */
export function handleTrpcRequest(
  req: Request,
  router: AnyTRPCRouter,
  createContext: (opts: { req: Request; resHeaders: Headers }) => Promise<TrpcContext>,
): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router,
    createContext,
    onError({ error, path, type }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        logger.error('trpc.unexpected_error', { path, type, error: error.cause ?? error });
      }
    },
  });
}
