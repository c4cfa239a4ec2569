import { hashOpaqueToken } from '@hotdesk/auth';
import { type SessionAudience } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { keepImpersonationAlive } from '../impersonation/impersonation-liveness';
import { type Actor } from './actor';

const lastSeenResolutionMs = 30_000;

/**
 * Resolves a bearer (or cookie) access token to its caller, or null when the token is
 * unknown, expired or revoked. An impersonated session also dies here, with its audit
 * event, as soon as it has expired or the actor's own session has ended.
 */
export async function authenticateAccessToken(
  ctx: ServiceContext,
  accessToken: string,
  audience?: SessionAudience,
): Promise<Actor | null> {
  if (accessToken.length === 0 || accessToken.length > 256) return null;
  const session = await ctx.db.session.findUnique({
    where: { accessTokenHash: hashOpaqueToken(accessToken) },
    select: {
      id: true,
      audience: true,
      userId: true,
      coworkerId: true,
      accessExpiresAt: true,
      expiresAt: true,
      revokedAt: true,
      lastSeenAt: true,
      reauthenticatedAt: true,
      user: {
        select: { active: true, operatorRoles: { select: { locationId: true, role: true } } },
      },
      coworker: { select: { active: true } },
      impersonation: {
        select: {
          id: true,
          kind: true,
          mode: true,
          reason: true,
          actorUserId: true,
          actorCoworkerId: true,
          actorSessionId: true,
          targetCoworkerId: true,
          locationId: true,
          endedAt: true,
          actorUser: { select: { fullName: true } },
          actorSession: { select: { revokedAt: true, expiresAt: true } },
        },
      },
    },
  });
  if (!session || session.revokedAt) return null;
  if (audience && session.audience !== audience) return null;
  const now = ctx.now();
  const impersonation = session.impersonation;
  if (impersonation) {
    if (!(await keepImpersonationAlive(ctx, { ...session, impersonation }))) return null;
  } else if (session.user && !session.user.active) {
    return null;
  }
  if (session.accessExpiresAt <= now || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > lastSeenResolutionMs) {
    // Coarse on purpose: one write per half minute of use keeps the idle clock of a view, and
    // the "last active" of the list of signed-in devices, honest cheaply.
    await ctx.db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }

  return {
    sessionId: session.id,
    audience: session.audience,
    userId: session.userId,
    coworkerId: session.coworkerId,
    // Staff rights never travel into an impersonated session, whoever the target is.
    operatorRoles: impersonation ? [] : (session.user?.operatorRoles ?? []),
    impersonation: impersonation && {
      id: impersonation.id,
      kind: impersonation.kind,
      mode: impersonation.mode,
      reason: impersonation.reason,
      actorUserId: impersonation.actorUserId,
      actorCoworkerId: impersonation.actorCoworkerId,
      actorSessionId: impersonation.actorSessionId,
      actorName: impersonation.actorUser.fullName,
      targetCoworkerId: impersonation.targetCoworkerId,
      locationId: impersonation.locationId,
    },
    accessExpiresAt: session.accessExpiresAt,
    expiresAt: session.expiresAt,
    reauthenticatedAt: session.reauthenticatedAt,
  };
}
