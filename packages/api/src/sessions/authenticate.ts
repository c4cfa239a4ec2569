import { hashOpaqueToken } from '@hotdesk/auth';
import { type Prisma, type SessionAudience } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { continueRunningView } from '../impersonation/impersonation-liveness';
import { defaultLocationPolicy } from '../impersonation/rules';
import { type Actor } from './actor';
import { lookUpSession } from './session-lookup';

/**
 * Resolves a bearer (or cookie) access token to its caller, or null when the token is
 * unknown, expired or revoked: one statement (`lookUpSession`). An impersonated session also
 * dies here, with its audit event, as soon as the rules say it may not go on.
 */
export async function authenticateAccessToken(
  ctx: ServiceContext,
  accessToken: string,
  audience?: SessionAudience,
): Promise<Actor | null> {
  return (await authenticateWith(ctx, accessToken, audience, null))?.actor ?? null;
}

/**
 * `authenticateAccessToken`, reading `also` (an SQL expression over the session `s`, see
 * `lookUpSession`) in the same statement: a request whose first read depends only on who is
 * asking pays one round trip for both. `also` is handed back only when the caller is
 * authenticated.
 */
export async function authenticateWith<T>(
  ctx: ServiceContext,
  accessToken: string,
  audience: SessionAudience | undefined,
  also: Prisma.Sql | null,
): Promise<{ actor: Actor; also: T } | null> {
  if (accessToken.length === 0 || accessToken.length > 256) return null;
  const now = ctx.now();
  const session = await lookUpSession(
    ctx.db,
    hashOpaqueToken(accessToken),
    now,
    defaultLocationPolicy,
    also,
  );
  if (!session || session.revokedAt) return null;
  if (audience && session.audience !== audience) return null;
  const view = session.view;
  let expiresAt = session.expiresAt;
  if (view) {
    const viewEnds = await continueRunningView(ctx, view, session);
    if (!viewEnds) return null;
    expiresAt = viewEnds;
  } else if (session.userActive === false) {
    return null;
  }
  if (session.accessExpiresAt <= now || expiresAt <= now) return null;

  const actor: Actor = {
    sessionId: session.id,
    audience: session.audience,
    userId: session.userId,
    coworkerId: session.coworkerId,
    // Staff rights never travel into an impersonated session, whoever the target is.
    operatorRoles: view ? [] : session.userRoles,
    impersonation: view && {
      id: view.id,
      kind: view.kind,
      mode: view.mode,
      reason: view.reason,
      actorUserId: view.actorUserId,
      actorCoworkerId: view.actorCoworkerId,
      actorSessionId: view.actorSessionId,
      actorName: view.actorName,
      targetCoworkerId: view.targetCoworkerId,
      locationId: view.locationId,
    },
    accessExpiresAt: new Date(Math.min(session.accessExpiresAt.getTime(), expiresAt.getTime())),
    expiresAt,
    reauthenticatedAt: session.reauthenticatedAt,
  };
  return { actor, also: session.also as T };
}
