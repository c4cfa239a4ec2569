import { hashOpaqueToken } from '@hotdesk/auth';
import { type SessionAudience, type SessionEndReason } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { REFRESH_REUSED_MESSAGE } from './refresh-session';

/** Endings the person did not choose in this browser: they are told why on the sign-in page. */
const notices: Partial<Record<SessionEndReason, string>> = {
  REFRESH_REUSED: REFRESH_REUSED_MESSAGE,
  SIGNED_OUT_ELSEWHERE: 'You were signed out of this device from another of your sessions.',
  SIGNED_OUT_EVERYWHERE: 'You signed out everywhere, from this or another device.',
};

/**
 * Why the session behind this browser's (dead) session cookie ended, when that is worth
 * saying; null for a live session, an unknown token, or an ending the person chose here.
 */
export async function sessionEndNotice(
  ctx: Pick<ServiceContext, 'db'>,
  audience: SessionAudience,
  sessionCookie: string | null,
): Promise<{ reason: SessionEndReason; message: string } | null> {
  if (!sessionCookie || sessionCookie.length > 256) return null;
  const session = await ctx.db.session.findUnique({
    where: { accessTokenHash: hashOpaqueToken(sessionCookie) },
    select: { audience: true, revokedAt: true, endedReason: true },
  });
  if (!session?.revokedAt || !session.endedReason || session.audience !== audience) return null;
  const message = notices[session.endedReason];
  return message ? { reason: session.endedReason, message } : null;
}
