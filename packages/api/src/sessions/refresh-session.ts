import { generateOpaqueToken, hashOpaqueToken, openSuccessor, sealSuccessor } from '@hotdesk/auth';

import { type ServiceContext } from '../context';
import { HotdeskError } from '../errors';
import {
  continueRunningView,
  heldViewOf,
  runningViewSelect,
} from '../impersonation/impersonation-liveness';
import { accessExpiry, type IssuedSession } from './open-session';
import { endSessionForReuse } from './refresh-token-reuse';

const invalidGrant = (
  message = 'The refresh token is invalid, expired or already used.',
): HotdeskError => new HotdeskError('BAD_REQUEST', message, { oauthError: 'invalid_grant' });

/** What the member (or their app) is told when reuse ended the session. */
export const REFRESH_REUSED_MESSAGE =
  'This sign-in was ended for your safety: its refresh token was used again after it had been ' +
  'replaced, so someone else may hold a copy. Sign in again.';

/**
 * Rotates both tokens of a session. The old refresh token dies in the statement that checks
 * it, so of concurrent refreshes with one token exactly one rotates; the others get that same
 * new pair if they come within the grace window, and anything later that presents a rotated
 * token ends the session as stolen. The session's absolute end never moves.
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
  if (!session) return replayOfRotatedToken(ctx, input);
  if (session.revokedAt || session.expiresAt <= now) throw invalidGrant();
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

  const pair = {
    accessToken: generateOpaqueToken('session'),
    refreshToken: generateOpaqueToken('refresh'),
  };
  const accessExpiresAt = accessExpiry(ctx, sessionEnds);
  // One statement: the rotation, its sealed pair and the record of the replaced token commit
  // together, so a concurrent refresh with the same token (which waits for the row, then finds
  // it rotated) always finds the pair it must repeat. No interactive transaction: twenty tabs
  // refreshing at once must not queue for pooled connections.
  const rotated = await ctx.db.$executeRaw`
    WITH rotated AS (
      UPDATE "Session"
      SET "accessTokenHash" = ${hashOpaqueToken(pair.accessToken)},
          "refreshTokenHash" = ${hashOpaqueToken(pair.refreshToken)},
          "accessExpiresAt" = ${accessExpiresAt},
          "lastSeenAt" = ${now},
          "successorSealed" = ${sealSuccessor(input.refreshToken, session.id, pair)}
      WHERE "id" = ${session.id}::uuid AND "refreshTokenHash" = ${oldHash} AND "revokedAt" IS NULL
      RETURNING "id"
    )
    INSERT INTO "RotatedRefreshToken" ("tokenHash", "sessionId", "rotatedAt")
    SELECT ${oldHash}, "id", ${now} FROM rotated`;
  // Another refresh with the same token committed first: answer as a replay of it.
  if (rotated !== 1) return replayOfRotatedToken(ctx, input);
  return { sessionId: session.id, ...pair, accessExpiresAt, expiresAt: sessionEnds };
}

/**
 * A refresh token that no session holds any more. Unknown: refused. Rotated moments ago by the
 * same client: the pair that rotation issued. Otherwise two parties hold the session, and
 * nobody can tell the thief from the owner: the session ends, with every view started from it.
 *
 * Only hashes of tokens are stored, so the pair to hand out again cannot be looked up. Nor is
 * it derived from the old token (anyone holding that token could then compute the whole future
 * chain and never be caught presenting an old one): it is random, and the rotation stores it
 * encrypted under a key derived from the old token (`successorSealed`). A database reader
 * learns nothing from it, the holder of the old token learns only what they were just given,
 * and it is honoured for the grace window only.
 */
async function replayOfRotatedToken(
  ctx: ServiceContext,
  input: { refreshToken: string; clientId?: string | null },
): Promise<IssuedSession> {
  const now = ctx.now();
  const rotated = await ctx.db.rotatedRefreshToken.findUnique({
    where: { tokenHash: hashOpaqueToken(input.refreshToken) },
    select: {
      rotatedAt: true,
      session: {
        select: {
          id: true,
          userId: true,
          coworkerId: true,
          clientId: true,
          refreshTokenHash: true,
          accessExpiresAt: true,
          expiresAt: true,
          revokedAt: true,
          endedReason: true,
          successorSealed: true,
          impersonation: {
            select: { id: true, actorUserId: true, targetCoworkerId: true, locationId: true },
          },
        },
      },
    },
  });
  if (!rotated) throw invalidGrant();
  const session = rotated.session;
  if (session.revokedAt || session.expiresAt <= now) {
    throw invalidGrant(
      session.endedReason === 'REFRESH_REUSED' ? REFRESH_REUSED_MESSAGE : undefined,
    );
  }
  const withinGrace =
    now.getTime() - rotated.rotatedAt.getTime() <= ctx.config.refreshReuseGraceSeconds * 1_000;
  const sameClient = !session.clientId || !input.clientId || session.clientId === input.clientId;
  if (withinGrace && sameClient && session.successorSealed) {
    // Opens only with the token the last rotation replaced: an older one falls through.
    const pair = openSuccessor(input.refreshToken, session.id, session.successorSealed);
    if (pair && hashOpaqueToken(pair.refreshToken) === session.refreshTokenHash) {
      return {
        sessionId: session.id,
        ...pair,
        accessExpiresAt: session.accessExpiresAt,
        expiresAt: session.expiresAt,
      };
    }
  }
  await endSessionForReuse(ctx, { ...session, rotatedAt: rotated.rotatedAt });
  throw invalidGrant(REFRESH_REUSED_MESSAGE);
}
