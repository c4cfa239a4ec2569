import { type Prisma } from '@hotdesk/db';

import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { forbidden, notFound } from '../errors';
import { endImpersonationsStartedBy } from '../impersonation/end-impersonation';
import { type Actor } from './actor';
import { describeDevice } from './describe-device';
import { signOut } from './sign-out';

/**
 * Only a person acting as themselves may see or end their sessions: someone viewing the
 * portal as them may not learn where they are signed in, nor sign them out.
 */
function ownUserId(actor: Actor): number {
  if (actor.impersonation || actor.userId === null) {
    throw forbidden('Not available while viewing as someone else.');
  }
  return actor.userId;
}

/** A person's own sign-ins, never the views that others opened as them. */
const ownedBy = (userId: number) =>
  ({ userId, impersonation: { is: null } }) satisfies Prisma.SessionWhereInput;

const sessionSelect = {
  id: true,
  audience: true,
  userAgent: true,
  ip: true,
  createdAt: true,
  lastSeenAt: true,
  revokedAt: true,
} satisfies Prisma.SessionSelect;

const SAFETY_NOTICE_DAYS = 30;

/**
 * The caller's live sessions in both apps and the REST API, newest use first, and the ones
 * Hotdesk ended for their safety lately (a refresh token used twice), so they learn of it
 * wherever they look next.
 */
export async function listOwnSessions(ctx: ServiceContext, actor: Actor) {
  const userId = ownUserId(actor);
  const now = ctx.now();
  const [live, endedForSafety] = await Promise.all([
    ctx.db.session.findMany({
      where: { ...ownedBy(userId), revokedAt: null, expiresAt: { gt: now } },
      orderBy: { lastSeenAt: 'desc' },
      select: sessionSelect,
    }),
    ctx.db.session.findMany({
      where: {
        ...ownedBy(userId),
        endedReason: 'REFRESH_REUSED',
        revokedAt: { gt: new Date(now.getTime() - SAFETY_NOTICE_DAYS * 86_400_000) },
      },
      orderBy: { revokedAt: 'desc' },
      take: 10,
      select: sessionSelect,
    }),
  ]);
  const view = (session: Prisma.SessionGetPayload<{ select: typeof sessionSelect }>) => ({
    id: session.id,
    app: session.audience,
    device: describeDevice(session.userAgent),
    ip: session.ip,
    startedAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    current: session.id === actor.sessionId,
  });
  return {
    sessions: live.map(view),
    endedForSafety: endedForSafety.map((session) => ({
      ...view(session),
      endedAt: session.revokedAt as Date,
    })),
  };
}

/** Ends one of the caller's sessions ("sign out this device"), and the views started from it. */
export async function signOutDevice(
  ctx: ServiceContext,
  actor: Actor,
  sessionId: string,
): Promise<{ current: boolean }> {
  const userId = ownUserId(actor);
  if (sessionId === actor.sessionId) {
    await signOut(ctx, actor);
    return { current: true };
  }
  const now = ctx.now();
  await auditedTransaction(ctx.db, async (tx) => {
    const ended = await tx.session.updateMany({
      where: { id: sessionId, ...ownedBy(userId), revokedAt: null },
      data: { revokedAt: now, endedReason: 'SIGNED_OUT_ELSEWHERE' },
    });
    // Somebody else's session, a view of this member, or one already over: one answer for all.
    if (ended.count === 0) throw notFound('No such signed-in device.');
    await endImpersonationsStartedBy(tx, ctx, sessionId);
    await recordAuditEvent(tx, {
      type: 'SIGN_OUT_OTHER_SESSION',
      actor,
      data: { sessionId },
      request: ctx.request,
      at: now,
    });
  });
  return { current: false };
}

/** Ends every session of the caller, this one included, and every view started from them. */
export async function signOutEverywhere(
  ctx: ServiceContext,
  actor: Actor,
): Promise<{ sessions: number }> {
  const userId = ownUserId(actor);
  const now = ctx.now();
  return auditedTransaction(ctx.db, async (tx) => {
    const others = await tx.session.updateManyAndReturn({
      where: {
        ...ownedBy(userId),
        id: { not: actor.sessionId },
        revokedAt: null,
        expiresAt: { gt: now },
      },
      data: { revokedAt: now, endedReason: 'SIGNED_OUT_EVERYWHERE' },
      select: { id: true },
    });
    await tx.session.updateMany({
      where: { id: actor.sessionId, revokedAt: null },
      data: { revokedAt: now, endedReason: 'SIGNED_OUT' },
    });
    for (const { id } of [{ id: actor.sessionId }, ...others]) {
      await endImpersonationsStartedBy(tx, ctx, id);
    }
    const sessions = others.length + 1;
    await recordAuditEvent(tx, {
      type: 'SIGN_OUT_EVERYWHERE',
      actor,
      data: { sessions },
      request: ctx.request,
      at: now,
    });
    return { sessions };
  });
}
