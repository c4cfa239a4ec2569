import { type z } from 'zod';

import { json, parseQuery, parseWith, requireBearerWith, type RestRequest } from '../rest/http';
import { exchangeOneTimeToken } from './exchange-one-time-token';
import { issueOperatorImpersonation, issueTeamAdminImpersonation } from './grant-impersonation';
import { viewingFactsJson, type ViewingFacts } from './grant-statements';
import {
  exchangeQuery,
  operatorGrantQuery,
  teamAdminGrantPath,
  teamAdminGrantQuery,
  type exchangeResponse,
  type grantResponse,
} from './impersonation-contract';

const namedCoworker = operatorGrantQuery.pick({ coworkerId: true });

/**
 * The caller, and the facts the grant decides on read in the same statement when the request
 * names a coworker at all; the input is then parsed as before, so a bad one is still a 400 after
 * the 401.
 */
async function askerWithFacts(request: RestRequest, named: unknown) {
  const coworker = namedCoworker.safeParse(named);
  return requireBearerWith<ViewingFacts | null>(
    request,
    coworker.success ? viewingFactsJson(coworker.data.coworkerId) : null,
  );
}

/** GET /api/sys/users/impersonate?coworkerId= */
export async function operatorImpersonateHandler(request: RestRequest): Promise<Response> {
  const { actor, also } = await askerWithFacts(request, {
    coworkerId: request.url.searchParams.get('coworkerId') ?? undefined,
  });
  const input = parseQuery(request.url, operatorGrantQuery);
  const grant = await issueOperatorImpersonation(request.ctx, actor, input, also ?? undefined);
  return json({ token: grant.token } satisfies z.output<typeof grantResponse>);
}

/** GET /api/public/coworkers/{coworkerId}/impersonate */
export async function teamAdminImpersonateHandler(request: RestRequest): Promise<Response> {
  const { actor, also } = await askerWithFacts(request, request.params);
  const { coworkerId } = parseWith(teamAdminGrantPath, request.params);
  const { reason, mode } = parseQuery(request.url, teamAdminGrantQuery);
  const grant = await issueTeamAdminImpersonation(
    request.ctx,
    actor,
    { coworkerId, reason, mode },
    also ?? undefined,
  );
  return json({ token: grant.token } satisfies z.output<typeof grantResponse>);
}

/** POST /api/sys/users/exchange?token=&validForInMinutes= — the one-time token is the credential. */
export async function exchangeHandler(request: RestRequest): Promise<Response> {
  const input = parseQuery(request.url, exchangeQuery);
  const session = await exchangeOneTimeToken(request.ctx, {
    token: input.token,
    validForMinutes: input.validForInMinutes,
  });
  const expiresIn = Math.round((session.expiresAt.getTime() - request.ctx.now().getTime()) / 1000);
  return json({
    token: session.accessToken,
    token_type: 'bearer',
    expires_in: expiresIn,
    refresh_token: session.refreshToken,
  } satisfies z.output<typeof exchangeResponse>);
}
