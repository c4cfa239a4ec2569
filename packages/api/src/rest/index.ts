import { type KeySet } from '@hotdesk/auth';

import { getRuntime } from '../runtime';
import { requestMetaOf } from '../sessions/request-meta';
import { errorResponse, json } from './http';
import { dispatchRestRequest } from './rest-router';

/** The whole REST contract, served by the portal's app server (packages/server). */
export async function handleRestRequest(req: Request): Promise<Response> {
  try {
    const runtime = await getRuntime();
    return await dispatchRestRequest(
      {
        db: runtime.db,
        keys: runtime.keys,
        config: runtime.config,
        now: () => new Date(),
        request: requestMetaOf(req),
      },
      req,
    );
  } catch (error) {
    return errorResponse(error);
  }
}

/** `/.well-known/jwks.json`: the public keys that verify impersonation tokens. */
export async function handleJwksRequest(): Promise<Response> {
  return jwksResponse((await getRuntime()).keys);
}

export function jwksResponse(keys: KeySet): Response {
  return json(keys.publicJwks(), 200, { 'Cache-Control': 'public, max-age=300' });
}

export { dispatchRestRequest } from './rest-router';
