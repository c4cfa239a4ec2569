import { TokenVerificationError, verifyImpersonationToken } from '@hotdesk/auth';
import { z } from 'zod';

import { type ServiceContext } from '../context';
import { HotdeskError } from '../errors';
import { redeemerRefusal } from './rules';

export type TokenPreview =
  | {
      status: 'ready';
      kind: 'OPERATOR' | 'TEAM_ADMIN';
      mode: 'READ_ONLY' | 'FULL';
      reason: string | null;
      actorName: string;
      targetName: string;
      locationName: string;
      tokenExpiresAt: Date;
      /** The browser holds a session that is not the grant's own: the person must confirm. */
      confirmationRequired: boolean;
    }
  /** A team administrator's link opened in a browser without her session: it will not open. */
  | { status: 'other-browser' };

// The exchange's one answer for every failure: a preview tells a forger no more than it does.
const unusable = () =>
  new HotdeskError(
    'UNAUTHENTICATED',
    'The impersonation token is invalid, expired or already used.',
  );

/**
 * What a one-time token would open, read without spending it: who would be viewed, by whom,
 * how, and whether this browser must confirm first. Only a verified token of a grant still
 * pending is described. The redemption itself decides again, atomically (exchange).
 */
export async function previewOneTimeToken(
  ctx: Pick<ServiceContext, 'db' | 'keys' | 'config' | 'now'>,
  input: {
    token: string;
    /** The session this browser holds as itself, if any (`ownSessionOfBrowser`). */
    redeemerSessionId: string | null;
    /** The browser is viewing someone already (an impersonation cookie is live). */
    viewingSomeone: boolean;
  },
): Promise<TokenPreview> {
  const now = ctx.now();
  let jti: string;
  try {
    const claims = await verifyImpersonationToken(ctx.keys, input.token, {
      issuer: ctx.config.issuer,
      audience: ctx.config.exchangeAudience,
      now,
    });
    jti = z.uuid().parse(claims.jti);
  } catch (error) {
    if (error instanceof TokenVerificationError || error instanceof z.ZodError) throw unusable();
    throw error;
  }
  const grant = await ctx.db.impersonation.findUnique({
    where: { id: jti },
    select: {
      kind: true,
      mode: true,
      reason: true,
      actorSessionId: true,
      tokenExpiresAt: true,
      exchangedAt: true,
      endedAt: true,
      actorUser: { select: { fullName: true } },
      target: { select: { fullName: true } },
      location: { select: { name: true } },
    },
  });
  if (!grant || grant.exchangedAt || grant.endedAt || grant.tokenExpiresAt <= now) throw unusable();

  // Names are for the administrator's own browser only; anyone else learns just that it is not.
  if (redeemerRefusal(grant, input.redeemerSessionId)) return { status: 'other-browser' };
  const ownGrant =
    input.redeemerSessionId !== null && input.redeemerSessionId === grant.actorSessionId;
  const holdsSession = input.redeemerSessionId !== null || input.viewingSomeone;
  return {
    status: 'ready',
    kind: grant.kind,
    mode: grant.mode,
    reason: grant.reason,
    actorName: grant.actorUser.fullName,
    targetName: grant.target.fullName,
    locationName: grant.location.name,
    tokenExpiresAt: grant.tokenExpiresAt,
    // Only the grant's own actor, redeeming from her own session and viewing nobody yet, goes
    // straight through: anyone else's view would replace what this browser shows.
    confirmationRequired: holdsSession && !(ownGrant && !input.viewingSomeone),
  };
}
