import { type AnyTRPCRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

import { asHotdeskError, HotdeskError, logUnavailable, toTrpcError } from '../errors';
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
    // Building the context reads the session: a database fault there answers as it would in a
    // procedure (503 and Retry-After when the database is out of reach), not as a 500.
    createContext: async (opts) => {
      try {
        return await createContext(opts);
      } catch (error) {
        const known = asHotdeskError(error);
        throw known ? toTrpcError(known) : error;
      }
    },
    onError({ error, path, type }) {
      if (error.cause instanceof HotdeskError && error.cause.code === 'UNAVAILABLE') {
        logUnavailable(error.cause, { transport: 'trpc', path });
      } else if (error.code === 'INTERNAL_SERVER_ERROR') {
        logger.error('trpc.unexpected_error', { path, type, error: error.cause ?? error });
      }
    },
    // The REST answers carry Retry-After; tRPC's do too (429 and 503 alike).
    responseMeta({ errors }) {
      const waits = errors.map((error) =>
        error.cause instanceof HotdeskError ? (error.cause.details.retryAfterSeconds ?? 0) : 0,
      );
      const retryAfter = Math.max(0, ...waits);
      return retryAfter > 0 ? { headers: { 'Retry-After': String(retryAfter) } } : {};
    },
  });
}
