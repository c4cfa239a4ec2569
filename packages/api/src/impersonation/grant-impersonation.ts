import { randomUUID } from 'node:crypto';

import { signImpersonationToken } from '@hotdesk/auth';
import { type ImpersonationKind, type ImpersonationMode } from '@hotdesk/db';

import { reserveAttempt } from '../abuse/rate-limit';
import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { badRequest, HotdeskError, httpStatusOf } from '../errors';
import { type Actor } from '../sessions/actor';
import { grantRefusal } from './grant-policy';
import { type ImpersonationTarget } from './impersonation-target';

export interface GrantRequest {
  coworkerId: number;
  mode?: ImpersonationMode;
  reason?: string | null;
}

export interface Grant {
  token: string;
  impersonationId: string;
  expiresAt: Date;
  mode: ImpersonationMode;
}

const maxReasonLength = 500;

/** Validates the request's mode and reason: full access must be asked for, with a reason. */
export function normaliseGrantRequest(request: GrantRequest) {
  const reason = request.reason?.trim() || null;
  const mode = request.mode ?? 'READ_ONLY';
  if (reason && reason.length > maxReasonLength) {
    throw badRequest('reason', `reason must be at most ${maxReasonLength} characters.`);
  }
  if (mode === 'FULL' && !reason) {
    throw badRequest('reason', 'reason is required to impersonate with full access.');
  }
  return { reason, mode, coworkerId: request.coworkerId };
}

/**
 * Checks the location's policy, counts the grant against the actor's hourly allowance, then
 * records the grant and signs its one-time token; the row's id is the token's `jti`.
 */
export async function grantImpersonation(
  ctx: ServiceContext,
  actor: Actor,
  target: ImpersonationTarget,
  kind: ImpersonationKind,
  request: { mode: ImpersonationMode; reason: string | null; coworkerId: number },
): Promise<Grant> {
  const now = ctx.now();
  if (actor.userId === null) throw new HotdeskError('UNAUTHENTICATED', 'Authentication required.');
  const refusal = await grantRefusal(ctx, actor, target, kind, request);
  if (refusal) {
    await recordGrantDenial(ctx, actor, {
      coworkerId: request.coworkerId,
      kind,
      status: httpStatusOf(refusal),
      why: refusal.message,
      target,
    });
    throw refusal;
  }
  const { limit, windowMinutes } = ctx.config.grantsPerActor;
  await reserveAttempt(
    ctx.db,
    {
      key: `grant:user:${actor.userId}`,
      limit,
      windowMinutes,
      message: 'Too many impersonations started in the last hour. Try again later.',
    },
    now,
  );
  const jti = randomUUID();
  const lifetimeSeconds = ctx.config.impersonationTokenSeconds;
  const tokenExpiresAt = new Date(now.getTime() + lifetimeSeconds * 1000);
  await auditedTransaction(ctx.db, async (tx) => {
    await tx.impersonation.create({
      data: {
        id: jti,
        kind,
        mode: request.mode,
        reason: request.reason,
        actorUserId: actor.userId as number,
        actorCoworkerId: kind === 'TEAM_ADMIN' ? actor.coworkerId : null,
        actorSessionId: actor.sessionId,
        targetCoworkerId: target.id,
        locationId: target.locationId,
        issuedAt: now,
        tokenExpiresAt,
      },
    });
    await recordAuditEvent(tx, {
      type: 'IMPERSONATION_GRANTED',
      actor,
      actorCoworkerId: kind === 'TEAM_ADMIN' ? actor.coworkerId : null,
      targetCoworkerId: target.id,
      locationId: target.locationId,
      impersonationId: jti,
      data: { kind, mode: request.mode, reason: request.reason },
      request: ctx.request,
      at: now,
    });
  });
  const token = await signImpersonationToken(ctx.keys, {
    issuer: ctx.config.issuer,
    audience: ctx.config.exchangeAudience,
    subject: String(target.id),
    actor: { sub: String(actor.userId) },
    location: String(target.locationId),
    mode: request.mode,
    kind,
    jti,
    lifetimeSeconds,
    now,
  });
  return { token, impersonationId: jti, expiresAt: tokenExpiresAt, mode: request.mode };
}

/** Every refused grant is on the record, with who tried and why. */
export async function recordGrantDenial(
  ctx: ServiceContext,
  actor: Actor | null,
  details: {
    coworkerId: number;
    kind: ImpersonationKind;
    status: number;
    why: string;
    target?: ImpersonationTarget | null;
  },
): Promise<void> {
  await recordAuditEvent(ctx.db, {
    type: 'IMPERSONATION_DENIED',
    actor,
    targetCoworkerId: details.target?.id ?? null,
    locationId: details.target?.locationId ?? null,
    data: {
      coworkerId: details.coworkerId,
      kind: details.kind,
      status: details.status,
      why: details.why,
    },
    request: ctx.request,
    at: ctx.now(),
  });
}
