import { TokenVerificationError, verifyImpersonationToken } from '@hotdesk/auth';

import { releaseAttempt, reserveAttempt } from '../abuse/rate-limit';
import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ImpersonationKind, type ImpersonationMode } from '@hotdesk/db';

import { type Db, type ServiceContext } from '../context';
import { HotdeskError } from '../errors';
import { impersonableScope, scopeCovers } from '../sessions/actor';
import { openSession, type IssuedSession } from '../sessions/open-session';
import { endImpersonation } from './end-impersonation';
import { policyOf, type ImpersonationPolicy } from '../policies/location-policy-service';
import { policyRefusal } from './grant-policy';
import {
  findImpersonationTarget,
  targetRefusal,
  type ImpersonationTarget,
} from './impersonation-target';
import { teamAdminRefusal } from './issue-team-admin-impersonation';

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
  let jti: string;
  try {
    const claims = await verifyImpersonationToken(ctx.keys, input.token, {
      issuer: ctx.config.issuer,
      audience: ctx.config.exchangeAudience,
      now,
    });
    jti = claims.jti;
    if (!uuidPattern.test(jti)) throw new TokenVerificationError('claims', 'jti is not a grant id');
  } catch (error) {
    if (!(error instanceof TokenVerificationError)) throw error;
    await recordExchangeDenial(ctx.db, ctx, null, error.reason);
    throw rejected();
  }

  // Everything the redemption depends on is read before the transaction: these reads lock
  // nothing (inside it they would not either), and keeping the transaction short keeps its
  // row locks short. The consuming UPDATE below stays the single point of truth for the
  // grant's own state.
  const grant = await ctx.db.impersonation.findUnique({ where: { id: jti }, select: grantSelect });
  const spendable =
    grant !== null &&
    grant.exchangedAt === null &&
    grant.endedAt === null &&
    grant.tokenExpiresAt > now;
  // A team administrator's link opens only in a browser holding her own session: nobody can
  // plant her view of a member in someone else's portal. Refused unspent: hers still works.
  if (
    input.redeemerSessionId !== undefined &&
    grant?.kind === 'TEAM_ADMIN' &&
    input.redeemerSessionId !== grant.actorSessionId
  ) {
    await recordExchangeDenial(
      ctx.db,
      ctx,
      jti,
      "not redeemed in the team administrator's browser",
    );
    throw rejected();
  }
  const check = spendable ? await redemptionCheck(ctx.db, now, grant) : null;

  const outcome = await auditedTransaction(ctx.db, async (tx) => {
    const consumed = await tx.impersonation.updateMany({
      where: { id: jti, exchangedAt: null, endedAt: null, tokenExpiresAt: { gt: now } },
      data: { exchangedAt: now },
    });
    // Of concurrent redemptions exactly one consumes the grant; what was read above only
    // matters to that one.
    if (consumed.count === 0 || !grant || !check) {
      return {
        ok: false as const,
        why: grant ? 'already used, revoked or expired' : 'no such grant',
        stillOpen: false,
        known: grant !== null,
      };
    }
    if (check.refusal !== null) {
      return { ok: false as const, why: check.refusal, stillOpen: true, known: true };
    }

    const minutes = Math.min(
      input.validForMinutes,
      ctx.config.impersonationMaxMinutes,
      check.policy.maxSessionMinutes,
    );
    const session = await openSession(tx, ctx, {
      userId: check.target.userId,
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
      if (outcome.stillOpen) await endImpersonation(tx, ctx, jti, 'REVOKED', null);
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
  kind: true,
  mode: true,
  actorUserId: true,
  actorCoworkerId: true,
  actorSessionId: true,
  targetCoworkerId: true,
  locationId: true,
  tokenExpiresAt: true,
  exchangedAt: true,
  endedAt: true,
} as const;

/** Why the grant no longer holds; or, when it does, what the session is opened from. */
type RedemptionCheck =
  { refusal: string } | { refusal: null; target: ImpersonationTarget; policy: ImpersonationPolicy };

/**
 * Everything the grant relied on, checked again at redemption time: the actor's own session,
 * the actor's right, the target, the location's policy. The independent reads run at once.
 */
async function redemptionCheck(
  db: Db,
  now: Date,
  grant: {
    kind: ImpersonationKind;
    mode: ImpersonationMode;
    actorUserId: number;
    actorCoworkerId: number | null;
    actorSessionId: string | null;
    targetCoworkerId: number;
    locationId: number;
  },
): Promise<RedemptionCheck> {
  const [actorSession, actor, target, policy] = await Promise.all([
    grant.actorSessionId
      ? db.session.findUnique({
          where: { id: grant.actorSessionId },
          select: { revokedAt: true, expiresAt: true },
        })
      : null,
    db.user.findUnique({
      where: { id: grant.actorUserId },
      select: { active: true, operatorRoles: { select: { locationId: true, role: true } } },
    }),
    findImpersonationTarget(db, grant.targetCoworkerId),
    policyOf(db, grant.locationId),
  ]);
  if (!actorSession || actorSession.revokedAt || actorSession.expiresAt <= now) {
    return { refusal: "the actor's session has ended" };
  }
  if (!actor?.active) return { refusal: 'the actor is no longer active' };
  if (!target || target.locationId !== grant.locationId) return { refusal: 'the target is gone' };
  if (grant.kind === 'OPERATOR') {
    if (!scopeCovers(impersonableScope(actor.operatorRoles), target.locationId))
      return { refusal: 'the actor no longer covers this location' };
  } else {
    const refusal = await teamAdminRefusal(db, grant.actorCoworkerId, target);
    if (refusal) return { refusal };
  }
  const refusal =
    policyRefusal(policy, target, grant.kind, grant.mode)?.message ??
    targetRefusal(target, grant.actorUserId);
  return refusal ? { refusal } : { refusal: null, target, policy };
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
