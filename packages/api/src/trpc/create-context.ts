import { type SessionAudience } from '@hotdesk/db';

import { appUrlForRequest } from '../app-urls';
import { getRuntime } from '../runtime';
import { authenticateAccessToken } from '../sessions/authenticate';
import { readCookie, serializeCookie, sessionCookieNames } from '../sessions/cookies';
import { requestMetaOf } from '../sessions/request-meta';
import { type TrpcContext } from './init';

const audienceOf = { admin: 'ADMIN', portal: 'PORTAL' } as const satisfies Record<
  string,
  SessionAudience
>;

/** Builds the tRPC context of one request for one app: services, caller, cookie plumbing. */
export async function createTrpcContext(opts: {
  req: Request;
  resHeaders: Headers;
  app: 'admin' | 'portal';
}): Promise<TrpcContext> {
  const runtime = await getRuntime();
  const { req, resHeaders, app } = opts;
  const audience = audienceOf[app];
  const cookies = sessionCookieNames(audience, runtime.secureCookies);
  // Hand-offs between the apps (grants, exits) keep the loopback name the person typed.
  const host = req.headers.get('host');
  const config = {
    ...runtime.config,
    portalUrl: appUrlForRequest(runtime.config.portalUrl, host),
    adminUrl: appUrlForRequest(runtime.config.adminUrl, host),
  };
  const base = {
    db: runtime.db,
    keys: runtime.keys,
    config,
    now: () => new Date(),
    request: requestMetaOf(req),
  };
  const ownUrl = app === 'admin' ? config.adminUrl : config.portalUrl;

  const bearer = /^Bearer (.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1]?.trim();
  const cookieHeader = req.headers.get('cookie');
  const impersonationToken = readCookie(cookieHeader, cookies.impersonation);
  const sessionToken = readCookie(cookieHeader, cookies.session);

  let actor = bearer ? await authenticateAccessToken(base, bearer, audience) : null;
  let deadImpersonation = false;
  if (!bearer && impersonationToken) {
    actor = await authenticateAccessToken(base, impersonationToken, audience);
    deadImpersonation = actor === null;
    if (deadImpersonation)
      resHeaders.append(
        'Set-Cookie',
        serializeCookie(cookies.impersonation, '', { secure: runtime.secureCookies }),
      );
  }
  // A dead impersonation falls back to the person's own session underneath it for reading,
  // but never for a change: a page still showing the member must not write as its viewer.
  const isMutation = req.method === 'POST';
  if (!bearer && !actor && sessionToken && !(deadImpersonation && isMutation)) {
    actor = await authenticateAccessToken(base, sessionToken, audience);
  }

  return {
    ...base,
    app,
    actor,
    secureCookies: runtime.secureCookies,
    setCookie: (cookie) => resHeaders.append('Set-Cookie', cookie),
    sameOrigin: isSameOrigin(req, ownUrl),
    sessionCookie: sessionToken,
  };
}

function isSameOrigin(req: Request, ownUrl: string): boolean {
  const origin = req.headers.get('origin');
  if (origin) return origin === new URL(ownUrl).origin || origin === new URL(req.url).origin;
  const site = req.headers.get('sec-fetch-site');
  return site === null || site === 'same-origin' || site === 'none';
}
