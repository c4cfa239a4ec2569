import {
  TokenVerificationError,
  verifyImpersonationToken,
  type ImpersonationTokenClaims,
} from '@hotdesk/auth';
import { type ImpersonationEndReason } from '@hotdesk/db';

import { refusalPastLimit } from '../abuse/rate-limit';
import { prepareAuditEvent } from '../audit/audit-rows-sql';
import { auditTrailOf } from '../audit/audit-trail';
import { type AuditEventInput } from '../audit/record-audit-event';
import { ruleSettingsOf } from '../config';
import { type ServiceContext } from '../context';
import { HotdeskError } from '../errors';
import { draftSession, type IssuedSession } from '../sessions/open-session';
import { endedEvent } from './end-impersonation';
import {
  loadRedemption,
  redeemGrant,
  refuseRedemption,
  type Redeemable,
} from './exchange-statements';
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
 * relied on is checked again now: the actor's right, their session, the target. One read and
 * one write (exchange-statements.ts); a failed re-check spends the grant in that same write.
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
  // Failed exchanges cost the caller's address its allowance; past it even a good token is refused.
  const failures = {
    key: `exchange:ip:${ctx.request.ip ?? 'unknown'}`,
    ...ctx.config.exchangeFailuresPerIp,
    message: 'Too many failed token exchanges from this address. Try again later.',
  };
  const { keys } = auditTrailOf(ctx.db);
  const denial = (impersonationId: string | null, why: string) =>
    prepareAuditEvent(keys, denialEvent(ctx, impersonationId, why));

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
    const counted = await refuseRedemption(ctx.db, {
      now,
      failures,
      denial: denial(null, error.reason),
      recordOnlyWithinAllowance: true,
      lockGrant: null,
      spend: null,
    });
    // Past the limit the answer is 429 (the count includes this attempt).
    throw refusalPastLimit(failures, now, { ...counted, count: counted.count - 1 }) ?? rejected();
  }
  const jti = claims.jti;

  const loaded = await loadRedemption(ctx.db, jti, failures, now, defaultLocationPolicy);
  const pastLimit = loaded.failures && refusalPastLimit(failures, now, loaded.failures);
  if (pastLimit) throw pastLimit;
  const grant = loaded.grant;
  const refused = (why: string, spentAs: ImpersonationEndReason | null) =>
    refuseRedemption(ctx.db, {
      now,
      failures,
      denial: denial(grant ? jti : null, why),
      recordOnlyWithinAllowance: false,
      lockGrant: grant ? jti : null,
      spend: grant &&
        spentAs && { grantId: jti, reason: spentAs, ended: ended(grant, spentAs, why) },
    });
  const ended = (held: Redeemable, reason: ImpersonationEndReason, why: string) =>
    prepareAuditEvent(keys, endedEvent(ctx, { ...held, exchangedAt: now }, reason, null, why));

  if (!grant) {
    await refused('no such grant', null);
    throw rejected();
  }
  const misplaced = redeemerRefusal(grant, input.redeemerSessionId);
  if (misplaced) {
    // Refused unspent: the link still works in the administrator's own browser.
    await refused(misplaced.message, null);
    throw rejected();
  }
  const open = grant.exchangedAt === null && grant.endedAt === null && grant.tokenExpiresAt > now;
  if (!open) {
    await refused('already used, revoked or expired', null);
    throw rejected();
  }
  if (!claimsMatch(claims, grant)) {
    // A token whose claims do not match its grant spends the grant like any other misuse.
    await refused('already used, revoked or expired', 'REVOKED');
    throw rejected();
  }
  const refusal = standingRefusal(grant.snapshot, grant);
  if (refusal) {
    // A grant that no longer holds is spent: it can never be retried.
    const spentAs =
      refusal.code === 'actor_session_ended' ? 'ACTOR_SESSION_ENDED' : 'RIGHT_WITHDRAWN';
    await refused(refusal.message, spentAs);
    throw rejected();
  }

  const minutes = sessionMinutesFor(
    grant.snapshot.target?.policy ?? defaultLocationPolicy,
    ruleSettingsOf(ctx.config),
    input.validForMinutes,
  );
  const session = draftSession(ctx, {
    userId: grant.snapshot.target?.userId ?? null,
    coworkerId: grant.targetCoworkerId,
    audience: 'PORTAL',
    expiresAt: new Date(now.getTime() + minutes * 60_000),
    // expires_in must be the session's real life: the access token lives exactly as long.
    accessLivesAsLongAsSession: true,
  });
  const won = await redeemGrant(ctx.db, {
    grantId: jti,
    now,
    session: session.row,
    exchanged: prepareAuditEvent(keys, {
      type: 'IMPERSONATION_EXCHANGED',
      actorUserId: grant.actorUserId,
      actorCoworkerId: grant.actorCoworkerId,
      targetCoworkerId: grant.targetCoworkerId,
      locationId: grant.locationId,
      impersonationId: grant.id,
      data: { requestedMinutes: input.validForMinutes, grantedMinutes: minutes },
      request: ctx.request,
      at: now,
    }),
    // Of concurrent redemptions exactly one consumes the grant; the others are refused.
    lost: denial(jti, 'already used, revoked or expired'),
    failures,
  });
  if (!won) throw rejected();
  return { ...session.issued, impersonationId: grant.id, targetCoworkerId: grant.targetCoworkerId };
}

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

function denialEvent(
  ctx: Pick<ServiceContext, 'now' | 'request'>,
  impersonationId: string | null,
  why: string,
): AuditEventInput {
  return {
    type: 'IMPERSONATION_EXCHANGE_DENIED',
    impersonationId,
    data: { why },
    request: ctx.request,
    at: ctx.now(),
  };
}
