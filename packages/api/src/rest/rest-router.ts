import { recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { HotdeskError } from '../errors';
import { viewChangeRefusal } from '../impersonation/rules';
import { type RestOperation } from '../contract/rest-operation';
import {
  exchangeOperation,
  operatorGrantOperation,
  teamAdminGrantOperation,
} from '../impersonation/impersonation-contract';
import {
  exchangeHandler,
  operatorImpersonateHandler,
  teamAdminImpersonateHandler,
} from '../impersonation/impersonation-rest';
import { listProfilesOperation, switchProfileOperation } from '../profiles/profile-contract';
import { profilesHandler, switchProfileHandler } from '../profiles/profile-rest';
import { authenticateAccessToken } from '../sessions/authenticate';
import { tokenOperation } from '../sessions/token-contract';
import { tokenHandler } from '../sessions/token-rest';
import { myTeamsOperation, updatePermissionsOperation } from '../teams/team-contract';
import { myTeamsHandler, updatePermissionsHandler } from '../teams/team-rest';
import { logger } from '../logging/logger';
import { lookOfRead, outcomeOf } from '../looks/look-of-read';
import { recordLook } from '../looks/look-recorder';
import { errorResponse, json, type RestRequest } from './http';
import { openApiDocumentFor, openApiOperation } from './openapi';

type Handler = (request: RestRequest) => Promise<Response>;

interface Route {
  operation: RestOperation;
  pattern: RegExp;
  params: string[];
  methods: Partial<Record<string, Handler>>;
  /** Authenticated by what it is sent (credentials, a one-time token), never by a bearer. */
  bearerless: boolean;
  /** Its GET has side effects (a grant, an audit event, a unit of quota): no HEAD. */
  getHasSideEffects: boolean;
}

/** Serves one operation of the contract at its documented path and method. */
function route(
  operation: RestOperation,
  handler: Handler,
  options: { getHasSideEffects?: boolean } = {},
): Route {
  const params: string[] = [];
  const source = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return {
    operation,
    pattern: new RegExp(`^${source}/?$`, 'i'),
    params,
    methods: { [operation.method.toUpperCase()]: handler },
    bearerless: !operation.bearer,
    getHasSideEffects: options.getHasSideEffects ?? false,
  };
}

const routes: Route[] = [
  route(tokenOperation, tokenHandler),
  route(operatorGrantOperation, operatorImpersonateHandler, { getHasSideEffects: true }),
  route(exchangeOperation, exchangeHandler),
  route(listProfilesOperation, profilesHandler),
  route(switchProfileOperation, switchProfileHandler),
  route(teamAdminGrantOperation, teamAdminImpersonateHandler, { getHasSideEffects: true }),
  route(myTeamsOperation, myTeamsHandler),
  route(updatePermissionsOperation, updatePermissionsHandler),
  route(openApiOperation, async ({ ctx }) => json(openApiDocumentFor(ctx.config))),
];

/** The operations this router serves (`/.well-known/jwks.json` is served beside it). */
export const routedOperations = routes.map((served) => served.operation);

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Serves the Nexudus-compatible REST contract. Every failure is a JSON body, never a 500 page. */
export async function dispatchRestRequest(ctx: ServiceContext, req: Request): Promise<Response> {
  const started = performance.now();
  const response = await routeRestRequest(ctx, req);
  // The path only: the exchange carries its one-time token in the query string.
  logger.info('http.request', {
    method: req.method,
    path: new URL(req.url).pathname,
    status: response.status,
    ms: Math.round(performance.now() - started),
    ip: ctx.request.ip,
  });
  return response;
}

async function routeRestRequest(ctx: ServiceContext, req: Request): Promise<Response> {
  const url = new URL(req.url);
  try {
    const match = findRoute(url.pathname);
    if (!match) return json({ error: 'not_found', message: `No route ${url.pathname}.` }, 404);
    // HEAD is GET without the body, so it would do whatever GET does: never for a grant.
    const headRefused = req.method === 'HEAD' && match.route.getHasSideEffects;
    const method = req.method === 'HEAD' ? 'GET' : req.method.toUpperCase();
    const handler = headRefused ? undefined : match.route.methods[method];
    if (!handler) {
      const allow = Object.keys(match.route.methods).join(', ');
      return json({ error: 'method_not_allowed', message: `Use ${allow}.` }, 405, { Allow: allow });
    }
    if (!safeMethods.has(method) && !match.route.bearerless) {
      await refuseReadOnlyImpersonation(ctx, req, url);
    }
    const request: RestRequest = { ctx, req, url, params: match.params, caller: null };
    return await (method === 'GET'
      ? serveRecordingViewReads(request, match.route.operation, handler)
      : handler(request));
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * A GET served to an impersonated bearer session is on the record, as tRPC reads are
 * (looks/): queued after the answer, written later in a batch. Nobody else's costs anything.
 */
async function serveRecordingViewReads(
  request: RestRequest,
  operation: RestOperation,
  handler: Handler,
): Promise<Response> {
  const at = request.ctx.now();
  let outcome = 'OK';
  try {
    const response = await handler(request);
    if (!response.ok) outcome = `HTTP_${response.status}`;
    return response;
  } catch (error) {
    outcome = outcomeOf(error);
    throw error;
  } finally {
    const view = request.caller?.impersonation;
    if (view) {
      recordLook(
        request.ctx.db,
        lookOfRead(view, {
          at,
          what: `GET ${operation.path}`,
          input: { ...Object.fromEntries(request.url.searchParams), ...request.params },
          look: operation.look,
          outcome,
        }),
      );
    }
  }
}

function findRoute(pathname: string) {
  for (const candidate of routes) {
    const found = candidate.pattern.exec(pathname);
    if (found) {
      const params = Object.fromEntries(
        candidate.params.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]),
      );
      return { route: candidate, params };
    }
  }
  return null;
}

// A read-only impersonation may not change anything through the REST contract either.
async function refuseReadOnlyImpersonation(ctx: ServiceContext, req: Request, url: URL) {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '')?.[1];
  if (!bearer) return;
  const actor = await authenticateAccessToken(ctx, bearer, 'PORTAL');
  const refusal = viewChangeRefusal(actor?.impersonation ?? null);
  if (!refusal) return;
  await recordAuditEvent(ctx.db, {
    type: 'IMPERSONATION_MUTATION_DENIED',
    actor,
    data: { method: req.method, path: url.pathname },
    request: ctx.request,
    at: ctx.now(),
  });
  throw new HotdeskError('READ_ONLY_SESSION', refusal.message);
}
