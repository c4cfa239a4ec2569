import { randomUUID } from 'node:crypto';

import { signImpersonationToken } from '@hotdesk/auth';
import { type ImpersonationKind, type ImpersonationMode } from '@hotdesk/db';

import { countAttempt } from '../abuse/rate-limit';
import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { ruleSettingsOf } from '../config';
import { type ServiceContext } from '../context';
import { HotdeskError, refusalError, unauthenticated } from '../errors';
import { type Actor } from '../sessions/actor';
import { loadViewingSnapshot } from './impersonation-snapshot';
import { grantRefusal, type Refusal, type ViewingSnapshot } from './rules';

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

/** An operator (OWNER, ADMIN, OPERATOR) asks to view the portal as a customer of their locations. */
export function issueOperatorImpersonation(
  ctx: ServiceContext,
  actor: Actor,
  request: GrantRequest,
) {
  return issueImpersonation(ctx, actor, 'OPERATOR', request);
}

/** A team administrator asks to view the portal as a member of one of their teams. */
export function issueTeamAdminImpersonation(
  ctx: ServiceContext,
  actor: Actor,
  request: GrantRequest,
) {
  return issueImpersonation(ctx, actor, 'TEAM_ADMIN', request);
}

/**
 * Asks the rules whether `actor` may view the coworker now; records the grant and signs its
 * one-time token (the row's id is the token's `jti`) or records the refusal. Every attempt,
 * refused or not, counts against the actor's hourly allowance, so probing ids costs the same
 * as viewing people.
 */
async function issueImpersonation(
  ctx: ServiceContext,
  actor: Actor,
  kind: ImpersonationKind,
  request: GrantRequest,
): Promise<Grant> {
  const now = ctx.now();
  const wanted = { mode: request.mode ?? 'READ_ONLY', reason: request.reason?.trim() || null };
  const snapshot = await loadViewingSnapshot(ctx.db, actor, kind, request.coworkerId);
  const refusal = grantRefusal(snapshot, wanted, ruleSettingsOf(ctx.config), now);
  await countGrantAttempt(ctx, actor, snapshot);
  if (refusal) {
    await recordGrantDenial(ctx, actor, snapshot, refusal);
    throw refusalError(refusal);
  }
  const target = snapshot.target;
  const actorUserId = actor.userId;
  // The rules allow no grant without both; this only tells the compiler so.
  if (!target || actorUserId === null) throw unauthenticated();
  const jti = randomUUID();
  const lifetimeSeconds = ctx.config.impersonationTokenSeconds;
  const tokenExpiresAt = new Date(now.getTime() + lifetimeSeconds * 1000);
  const actorCoworkerId = kind === 'TEAM_ADMIN' ? actor.coworkerId : null;
  await auditedTransaction(ctx.db, async (tx) => {
    await tx.impersonation.create({
      data: {
        id: jti,
        kind,
        mode: wanted.mode,
        reason: wanted.reason,
        actorUserId,
        actorCoworkerId,
        actorSessionId: actor.sessionId,
        targetCoworkerId: target.id,
        locationId: target.locationId,
        issuedAt: now,
        tokenExpiresAt,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      type: 'IMPERSONATION_GRANTED',
      actor,
      actorCoworkerId,
      targetCoworkerId: target.id,
      locationId: target.locationId,
      impersonationId: jti,
      data: { kind, mode: wanted.mode, reason: wanted.reason },
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
    mode: wanted.mode,
    kind,
    jti,
    lifetimeSeconds,
    now,
  });
  return { token, impersonationId: jti, expiresAt: tokenExpiresAt, mode: wanted.mode };
}

/**
 * One unit of the actor's hourly allowance per attempt. Past it the answer is 429 whatever
 * was asked, and only the first refusal of the window is recorded: a flood writes one event.
 */
async function countGrantAttempt(ctx: ServiceContext, actor: Actor, snapshot: ViewingSnapshot) {
  const { limit, windowMinutes } = ctx.config.grantsPerActor;
  const who = actor.userId === null ? `session:${actor.sessionId}` : `user:${actor.userId}`;
  const { count, retryAfterSeconds } = await countAttempt(
    ctx.db,
    { key: `grant:${who}`, windowMinutes },
    ctx.now(),
  );
  if (count <= limit) return;
  const message = 'Too many impersonations asked for in the last hour. Try again later.';
  if (count === limit + 1) {
    await recordGrantDenial(ctx, actor, snapshot, {
      status: 429,
      code: 'rate_limited',
      message: `${message} Further refusals until the window ends are not recorded one by one.`,
    });
  }
  throw new HotdeskError('TOO_MANY_REQUESTS', message, { retryAfterSeconds });
}

/** Every refused grant is on the record, with who tried and why. */
async function recordGrantDenial(
  ctx: ServiceContext,
  actor: Actor,
  snapshot: ViewingSnapshot,
  refusal: Pick<Refusal, 'message'> & { status: number; code: string },
): Promise<void> {
  // A target outside the caller's scope stays unnamed: the record says only what was asked.
  const named = refusal.status !== 404 && refusal.status !== 401 ? snapshot.target : null;
  await recordAuditEvent(ctx.db, {
    type: 'IMPERSONATION_DENIED',
    actor,
    targetCoworkerId: named?.id ?? null,
    locationId: named?.locationId ?? null,
    data: {
      coworkerId: snapshot.requestedId,
      kind: snapshot.kind,
      status: refusal.status,
      code: refusal.code,
      why: refusal.message,
    },
    request: ctx.request,
    at: ctx.now(),
  });
}
