import { type Prisma } from '@hotdesk/db';

import { auditedTransaction } from '../audit/record-audit-event';
import { ruleSettingsOf } from '../config';
import { type ServiceContext } from '../context';
import { endImpersonation } from './end-impersonation';
import { grantActorSelect, snapshotOfGrant } from './impersonation-snapshot';
import { viewContinuation } from './rules';

/** What a running view is held to on each request: its grant's facts, re-read every time. */
export const runningViewSelect = {
  id: true,
  reason: true,
  actorSessionId: true,
  exchangedAt: true,
  endedAt: true,
  ...grantActorSelect,
} satisfies Prisma.ImpersonationSelect;

export type RunningView = Prisma.ImpersonationGetPayload<{ select: typeof runningViewSelect }>;

/**
 * Asks the rules whether a running view goes on; if not, ends it now with its audit event.
 * Returns the view's real end (a lowered location maximum brings it forward), or null once it
 * has ended. Every way in (access tokens and refresh tokens alike) goes through here.
 */
export async function continueRunningView(
  ctx: ServiceContext,
  view: RunningView,
  session: { expiresAt: Date; lastSeenAt: Date },
): Promise<Date | null> {
  if (view.endedAt) return null;
  const now = ctx.now();
  const verdict = viewContinuation(
    snapshotOfGrant(view, now),
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
