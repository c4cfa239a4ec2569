import {
  TokenVerificationError,
  verifyImpersonationToken,
  type ImpersonationTokenClaims,
} from '@hotdesk/auth';
import { type Prisma } from '@hotdesk/db';

import { releaseAttempt, reserveAttempt } from '../abuse/rate-limit';
import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { ruleSettingsOf } from '../config';
import { type Db, type ServiceContext } from '../context';
import { HotdeskError } from '../errors';
import { openSession, type IssuedSession } from '../sessions/open-session';
import { endImpersonation } from './end-impersonation';
import { grantActorSelect, snapshotOfGrant } from './impersonation-snapshot';
import {
  defaultLocationPolicy,
  redeemerRefusal,
  sessionMinutesFor,
  standingRefusal,
} from './rules';

export interface ExchangeResult extends IssuedSession {
  impersonationId: string;
  targetCoworkerId: number;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One answer for every failure: a caller cannot tell an expired token from a used or forged one.
const rejected = () =>
  new HotdeskError(
    'UNAUTHENTICATED',
    'The impersonation token is invalid, expired or already used.',
  );

/**
 * Redeems a one-time impersonation token for an impersonated portal session. The token is
 * consumed atomically (of concurrent redemptions exactly one wins) and everything the grant
 * relied on is checked again now: the actor's right, their session, the target.
 */
export async function exchangeOneTimeToken(
  ctx: ServiceContext,
  input: {
    token: string;
    validForMinutes: number;
    /**
     * The session the redeeming browser holds as itself (tRPC exchange); absent for the REST
     * exchange, which the contract keeps bearerless.
     */
    redeemerSessionId?: string | null;
  },
): Promise<ExchangeResult> {
  const now = ctx.now();
  // Guessing at tokens costs the caller's address its attempts; a good redemption gives its back.
  const ipKey = `exchange:ip:${ctx.request.ip ?? 'unknown'}`;
  await reserveAttempt(
    ctx.db,
    {
      key: ipKey,
      ...ctx.config.exchangeFailuresPerIp,
      message: 'Too many failed token exchanges from this address. Try again later.',
    },
    now,
  );
  let claims: ImpersonationTokenClaims;
  try {
    claims = await verifyImpersonationToken(ctx.keys, input.token, {
      issuer: ctx.config.issuer,
      audience: ctx.config.exchangeAudience,
      now,
    });
    if (!uuidPattern.test(claims.jti)) {
      throw new TokenVerificationError('claims', 'jti is not a grant id');
    }
  } catch (error) {
    if (!(error instanceof TokenVerificationError)) throw error;
    await recordExchangeDenial(ctx.db, ctx, null, error.reason);
    throw rejected();
  }
  const jti = claims.jti;

  // Everything the redemption depends on is read before the transaction: these reads lock
  // nothing (inside it they would not either), and keeping the transaction short keeps its
  // row locks short. The consuming UPDATE below stays the single point of truth for the
  // grant's own state.
  const grant = await ctx.db.impersonation.findUnique({ where: { id: jti }, select: grantSelect });
  const spendable =
    grant !== null &&
    grant.exchangedAt === null &&
    grant.endedAt === null &&
    grant.tokenExpiresAt > now &&
    claimsMatch(claims, grant);
  const misplaced = grant && redeemerRefusal(grant, input.redeemerSessionId);
  if (misplaced) {
    // Refused unspent: the link still works in the administrator's own browser.
    await recordExchangeDenial(ctx.db, ctx, jti, misplaced.message);
    throw rejected();
  }
  const refusal = spendable ? standingRefusal(snapshotOfGrant(grant, now), grant) : null;

  const outcome = await auditedTransaction(ctx.db, async (tx) => {
    const consumed = await tx.impersonation.updateMany({
      where: { id: jti, exchangedAt: null, endedAt: null, tokenExpiresAt: { gt: now } },
      data: { exchangedAt: now },
    });
    // Of concurrent redemptions exactly one consumes the grant; what was read above only
    // matters to that one.
    if (consumed.count === 0 || !grant || !spendable) {
      return {
        ok: false as const,
        why: grant ? 'already used, revoked or expired' : 'no such grant',
        // A consumed grant whose claims do not match its row is spent like any other.
        spentAs: consumed.count > 0 ? ('REVOKED' as const) : null,
        known: grant !== null,
      };
    }
    if (refusal !== null) {
      const spentAs =
        refusal.code === 'actor_session_ended'
          ? ('ACTOR_SESSION_ENDED' as const)
          : ('RIGHT_WITHDRAWN' as const);
      return { ok: false as const, why: refusal.message, spentAs, known: true };
    }

    const minutes = sessionMinutesFor(
      grant.target.location.policy ?? defaultLocationPolicy,
      ruleSettingsOf(ctx.config),
      input.validForMinutes,
    );
    const session = await openSession(tx, ctx, {
      userId: grant.target.userId,
      coworkerId: grant.targetCoworkerId,
      audience: 'PORTAL',
      expiresAt: new Date(now.getTime() + minutes * 60_000),
      // expires_in must be the session's real life: the access token lives exactly as long.
      accessLivesAsLongAsSession: true,
    });
    await tx.impersonation.update({
      where: { id: grant.id },
      data: { sessionId: session.sessionId, sessionExpiresAt: session.expiresAt },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      type: 'IMPERSONATION_EXCHANGED',
      actorUserId: grant.actorUserId,
      actorCoworkerId: grant.actorCoworkerId,
      targetCoworkerId: grant.targetCoworkerId,
      locationId: grant.locationId,
      impersonationId: grant.id,
      data: { requestedMinutes: input.validForMinutes, grantedMinutes: minutes },
      request: ctx.request,
      at: now,
    });
    return { ok: true as const, session, grant };
  });

  if (!outcome.ok) {
    await auditedTransaction(ctx.db, async (tx) => {
      // A grant that no longer holds is spent: it can never be retried.
      if (outcome.spentAs) {
        await endImpersonation(tx, ctx, jti, outcome.spentAs, null, outcome.why);
      }
      await recordExchangeDenial(tx, ctx, outcome.known ? jti : null, outcome.why);
    });
    throw rejected();
  }
  await releaseAttempt(ctx.db, ipKey);
  return {
    ...outcome.session,
    impersonationId: outcome.grant.id,
    targetCoworkerId: outcome.grant.targetCoworkerId,
  };
}

const grantSelect = {
  id: true,
  actorSessionId: true,
  tokenExpiresAt: true,
  exchangedAt: true,
  endedAt: true,
  ...grantActorSelect,
} satisfies Prisma.ImpersonationSelect;

/** The signed claims name the grant's own parties: a token never redeems someone else's grant. */
function claimsMatch(
  claims: ImpersonationTokenClaims,
  grant: { actorUserId: number; targetCoworkerId: number; locationId: number },
): boolean {
  return (
    claims.subject === String(grant.targetCoworkerId) &&
    claims.actor.sub === String(grant.actorUserId) &&
    claims.location === String(grant.locationId)
  );
}

async function recordExchangeDenial(
  db: Db,
  ctx: Pick<ServiceContext, 'now' | 'request'>,
  impersonationId: string | null,
  why: string,
): Promise<void> {
  await recordAuditEvent(db, {
    type: 'IMPERSONATION_EXCHANGE_DENIED',
    impersonationId,
    data: { why },
    request: ctx.request,
    at: ctx.now(),
  });
}
