import { generateOpaqueToken, hashOpaqueToken } from '@hotdesk/auth';

import { type ServiceContext } from '../context';
import { HotdeskError } from '../errors';
import {
  continueRunningView,
  heldViewOf,
  runningViewSelect,
} from '../impersonation/impersonation-liveness';
import { accessExpiry, type IssuedSession } from './open-session';

const invalidGrant = () =>
  new HotdeskError('BAD_REQUEST', 'The refresh token is invalid, expired or already used.', {
    oauthError: 'invalid_grant',
  });

/**
 * Rotates both tokens of a session. The old refresh token dies in the same statement that
 * checks it, so two concurrent refreshes with one token cannot both succeed. The session's
 * absolute end never moves.
 */
export async function refreshSession(
  ctx: ServiceContext,
  input: { refreshToken: string; clientId?: string | null },
): Promise<IssuedSession> {
  const now = ctx.now();
  const oldHash = hashOpaqueToken(input.refreshToken);
  const session = await ctx.db.session.findUnique({
    where: { refreshTokenHash: oldHash },
    select: {
      id: true,
      clientId: true,
      expiresAt: true,
      revokedAt: true,
      lastSeenAt: true,
      user: { select: { active: true } },
      impersonation: { select: runningViewSelect },
    },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) throw invalidGrant();
  if (session.clientId && input.clientId && session.clientId !== input.clientId)
    throw invalidGrant();
  if (session.user && !session.user.active && !session.impersonation) throw invalidGrant();
  // A refresh is a use like any other: it may not revive an idle or orphaned impersonation.
  const impersonation = session.impersonation;
  const viewEnds = impersonation
    ? await continueRunningView(ctx, heldViewOf(impersonation, now), session)
    : null;
  if (impersonation && !viewEnds) throw invalidGrant();
  // A view's end may have come forward (a lowered location maximum); the session's never moves.
  const sessionEnds = viewEnds ?? session.expiresAt;

  const accessToken = generateOpaqueToken('session');
  const refreshToken = generateOpaqueToken('refresh');
  const accessExpiresAt = accessExpiry(ctx, sessionEnds);
  const rotated = await ctx.db.session.updateMany({
    where: { id: session.id, refreshTokenHash: oldHash, revokedAt: null },
    data: {
      accessTokenHash: hashOpaqueToken(accessToken),
      refreshTokenHash: hashOpaqueToken(refreshToken),
      accessExpiresAt,
      lastSeenAt: now,
    },
  });
  if (rotated.count !== 1) throw invalidGrant();
  return {
    sessionId: session.id,
    accessToken,
    refreshToken,
    accessExpiresAt,
    expiresAt: sessionEnds,
  };
}
