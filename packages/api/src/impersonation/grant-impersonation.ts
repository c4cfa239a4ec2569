import { randomUUID } from 'node:crypto';

import { signImpersonationToken } from '@hotdesk/auth';
import { type ImpersonationKind, type ImpersonationMode } from '@hotdesk/db';

import { windowStanding } from '../abuse/rate-limit';
import { noteCommittedAuditRows, prepareAuditEvent } from '../audit/audit-rows-sql';
import { auditTrailOf } from '../audit/audit-trail';
import { type AuditEventInput } from '../audit/record-audit-event';
import { ruleSettingsOf } from '../config';
import { type ServiceContext } from '../context';
import { HotdeskError, refusalError, unauthenticated } from '../errors';
import { type Actor } from '../sessions/actor';
import {
  loadViewingSnapshot,
  viewingSnapshotOf,
  writeGrantAttempt,
  type GrantRow,
  type ViewingFacts,
} from './grant-statements';
import {
  approvalUsedBy,
  grantRefusal,
  type AccessApproval,
  type Refusal,
  type ViewingSnapshot,
} from './rules';

export interface GrantRequest {
  coworkerId: number;
  mode?: ImpersonationMode;
  reason?: string | null;
  /** Start without the member's yes, where the location allows it (operators only). */
  urgent?: boolean;
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
  facts?: ViewingFacts,
) {
  return issueImpersonation(ctx, actor, 'OPERATOR', request, facts);
}

/** A team administrator asks to view the portal as a member of one of their teams. */
export function issueTeamAdminImpersonation(
  ctx: ServiceContext,
  actor: Actor,
  request: GrantRequest,
  facts?: ViewingFacts,
) {
  return issueImpersonation(ctx, actor, 'TEAM_ADMIN', request, facts);
}

/**
 * Asks the rules whether `actor` may view the coworker now; records the grant and signs its
 * one-time token (the row's id is the token's `jti`) or records the refusal. Every attempt,
 * refused or not, counts against the actor's hourly allowance, so probing ids costs the same
 * as viewing people. Two statements: the snapshot (none when `facts` were read with the
 * caller's session), then one write that counts, inserts and records (grant-statements.ts).
 * A second operator's approval is read with the snapshot and marked used by the write, so a
 * location that asks for approvals costs no extra statement.
 */
async function issueImpersonation(
  ctx: ServiceContext,
  actor: Actor,
  kind: ImpersonationKind,
  request: GrantRequest,
  facts: ViewingFacts | undefined,
): Promise<Grant> {
  const now = ctx.now();
  const wanted = {
    mode: request.mode ?? 'READ_ONLY',
    reason: request.reason?.trim() || null,
    urgent: request.urgent === true,
  };
  const snapshot = facts
    ? viewingSnapshotOf(actor, kind, request.coworkerId, facts)
    : await loadViewingSnapshot(ctx.db, actor, kind, request.coworkerId);
  const refusal = grantRefusal(snapshot, wanted, ruleSettingsOf(ctx.config), now);
  const { keys } = auditTrailOf(ctx.db);
  const denied = (why: Denial) => prepareAuditEvent(keys, denialEvent(ctx, actor, snapshot, why));
  const overAllowance = denied({
    status: 429,
    code: 'rate_limited',
    message: `${TOO_MANY} Further refusals until the window ends are not recorded one by one.`,
  });
  const row = refusal ? null : grantRow(actor, kind, snapshot, wanted, now, ctx);
  const approval = row && approvalUsedBy(snapshot, row.mode, now);
  const grant = row && {
    row,
    event: prepareAuditEvent(keys, grantedEvent(ctx, actor, row, approval)),
    approvalId: approval?.id ?? null,
  };
  const refused = refusal && denied(refusal);
  const allowance = { ...ctx.config.grantsPerActor, key: allowanceKeyOf(actor) };
  const written = await writeGrantAttempt(ctx.db, {
    allowance,
    now,
    grant,
    refusal: refused,
    overAllowance,
  });
  noteCommittedAuditRows(
    ctx.db,
    [overAllowance, ...(grant ? [grant.event] : []), ...(refused ? [refused] : [])],
    written.auditRows,
  );
  const { count, retryAfterSeconds } = windowStanding(
    allowance,
    now,
    written.count,
    written.windowStartedAt,
  );
  if (count > allowance.limit) {
    throw new HotdeskError('TOO_MANY_REQUESTS', TOO_MANY, { retryAfterSeconds });
  }
  if (refusal) throw refusalError(refusal);
  if (!row) throw unauthenticated();
  // Two grants raced for one approval: the other one used it.
  if (!written.granted) throw refusalError(approvalTakenRefusal);
  const token = await signImpersonationToken(ctx.keys, {
    issuer: ctx.config.issuer,
    audience: ctx.config.exchangeAudience,
    subject: String(row.targetCoworkerId),
    actor: { sub: String(row.actorUserId) },
    location: String(row.locationId),
    mode: row.mode,
    kind,
    jti: row.id,
    lifetimeSeconds: ctx.config.impersonationTokenSeconds,
    now,
  });
  return { token, impersonationId: row.id, expiresAt: row.tokenExpiresAt, mode: row.mode };
}

const TOO_MANY = 'Too many impersonations asked for in the last hour. Try again later.';

type Denial = Pick<Refusal, 'message'> & { status: number; code: string };

/** Each actor's hourly allowance has its own counter (a session's, for a session without user). */
function allowanceKeyOf(actor: Actor): string {
  const who = actor.userId === null ? `session:${actor.sessionId}` : `user:${actor.userId}`;
  return `grant:${who}`;
}

/** The grant the rules allowed: its id is the token's `jti`. */
function grantRow(
  actor: Actor,
  kind: ImpersonationKind,
  snapshot: ViewingSnapshot,
  wanted: { mode: ImpersonationMode; reason: string | null; urgent: boolean },
  now: Date,
  ctx: ServiceContext,
): GrantRow {
  const target = snapshot.target;
  // The rules allow no grant without both; this only tells the compiler so.
  if (!target || actor.userId === null) throw unauthenticated();
  return {
    id: randomUUID(),
    kind,
    mode: wanted.mode,
    reason: wanted.reason,
    actorUserId: actor.userId,
    actorCoworkerId: kind === 'TEAM_ADMIN' ? actor.coworkerId : null,
    actorSessionId: actor.sessionId,
    targetCoworkerId: target.id,
    locationId: target.locationId,
    issuedAt: now,
    tokenExpiresAt: new Date(now.getTime() + ctx.config.impersonationTokenSeconds * 1000),
    urgent: wanted.urgent,
  };
}

const approvalTakenRefusal: Refusal = {
  status: 403,
  code: 'second_approval_required',
  message: 'That approval was just used by another grant: ask again.',
};

function grantedEvent(
  ctx: ServiceContext,
  actor: Actor,
  row: GrantRow,
  approval: AccessApproval | null,
): AuditEventInput {
  return {
    type: 'IMPERSONATION_GRANTED',
    actor,
    actorCoworkerId: row.actorCoworkerId,
    targetCoworkerId: row.targetCoworkerId,
    locationId: row.locationId,
    impersonationId: row.id,
    data: {
      kind: row.kind,
      mode: row.mode,
      reason: row.reason,
      ...(row.urgent && { urgent: true }),
      ...(approval && { accessRequestId: approval.id }),
      ...(approval?.approverUserId != null && {
        approvedBy: { userId: approval.approverUserId, name: approval.approverName },
      }),
      ...(approval?.memberApproved && { memberAgreed: true }),
    },
    request: ctx.request,
    at: row.issuedAt,
  };
}

/** Every refused grant is on the record, with who tried and why. */
function denialEvent(
  ctx: ServiceContext,
  actor: Actor,
  snapshot: ViewingSnapshot,
  refusal: Denial,
): AuditEventInput {
  // A target outside the caller's scope stays unnamed: the record says only what was asked.
  const named = refusal.status !== 404 && refusal.status !== 401 ? snapshot.target : null;
  return {
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
  };
}
