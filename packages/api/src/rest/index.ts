import { getRuntime } from '../runtime';
import { requestMetaOf } from '../sessions/request-meta';
import { errorResponse, json } from './http';
import { dispatchRestRequest } from './rest-router';

/** Entry point for the portal's `/api/[...path]` route: the whole REST contract. */
export async function handleRestRequest(req: Request): Promise<Response> {
  try {
    const runtime = await getRuntime();
    return await dispatchRestRequest(
      {
        db: runtime.db,
        keys: runtime.keys,
        config: runtime.config,
        now: () => new Date(),
        request: requestMetaOf(req, runtime.config.trustProxy),
      },
      req,
    );
  } catch (error) {
    return errorResponse(error);
  }
}

/** `/.well-known/jwks.json`: the public keys that verify impersonation tokens. */
export async function handleJwksRequest(): Promise<Response> {
  const runtime = await getRuntime();
  return json(runtime.keys.publicJwks(), 200, { 'Cache-Control': 'public, max-age=300' });
}

export { dispatchRestRequest } from './rest-router';
