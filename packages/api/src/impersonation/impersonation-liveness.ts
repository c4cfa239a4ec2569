import { type Prisma } from '@hotdesk/db';

import { auditedTransaction } from '../audit/record-audit-event';
import { ruleSettingsOf } from '../config';
import { type ServiceContext } from '../context';
import { endImpersonation } from './end-impersonation';
import { grantActorSelect, snapshotOfGrant } from './impersonation-snapshot';
import { viewContinuation, type GrantedView, type ViewingSnapshot } from './rules';

/** A running view and the facts it stands on, however they were loaded. */
export interface HeldView extends GrantedView {
  id: string;
  exchangedAt: Date | null;
  endedAt: Date | null;
  snapshot: ViewingSnapshot;
}

/** What a running view is held to, loaded through the ORM (refresh tokens, admin lists). */
export const runningViewSelect = {
  id: true,
  reason: true,
  actorSessionId: true,
  exchangedAt: true,
  endedAt: true,
  ...grantActorSelect,
} satisfies Prisma.ImpersonationSelect;

export type RunningView = Prisma.ImpersonationGetPayload<{ select: typeof runningViewSelect }>;

export function heldViewOf(row: RunningView, now: Date): HeldView {
  return { ...row, snapshot: snapshotOfGrant(row, now) };
}

/**
 * Asks the rules whether a running view goes on; if not, ends it now with its audit event.
 * Returns the view's real end (a lowered location maximum brings it forward), or null once it
 * has ended. Every way in (access tokens and refresh tokens alike) goes through here.
 */
export async function continueRunningView(
  ctx: ServiceContext,
  view: HeldView,
  session: { expiresAt: Date; lastSeenAt: Date },
): Promise<Date | null> {
  if (view.endedAt) return null;
  const now = ctx.now();
  const verdict = viewContinuation(
    view.snapshot,
    { ...view, startedAt: view.exchangedAt ?? now, ...session },
    ruleSettingsOf(ctx.config),
    now,
  );
  if (!verdict.ends) return verdict.expiresAt;
  await auditedTransaction(ctx.db, (tx) =>
    endImpersonation(tx, ctx, view.id, verdict.reason, null, verdict.why),
  );
  return null;
}

/** Whether a started view is still going, as its member is told (not yet swept or not). */
export function viewIsLive(
  view: { endedAt: Date | null; sessionExpiresAt: Date | null },
  now: Date,
): boolean {
  return view.endedAt === null && (view.sessionExpiresAt === null || view.sessionExpiresAt > now);
}
