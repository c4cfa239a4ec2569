import { type ImpersonationKind, type ImpersonationMode } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { badRequest, forbidden, HotdeskError } from '../errors';
import { policyOf, type ImpersonationPolicy } from '../policies/location-policy-service';
import { type Actor } from '../sessions/actor';
import { type ImpersonationTarget } from './impersonation-target';

/**
 * What the target's location and the member themselves allow, checked at grant time and again
 * at exchange time. Returns the refusal to throw, or null.
 */
export function policyRefusal(
  policy: ImpersonationPolicy,
  target: ImpersonationTarget,
  kind: ImpersonationKind,
  mode: ImpersonationMode,
): HotdeskError | null {
  if (kind === 'OPERATOR' && !policy.operatorImpersonationEnabled) {
    return forbidden('Operator impersonation is turned off at this location.');
  }
  if (kind === 'TEAM_ADMIN' && !policy.teamAdminImpersonationEnabled) {
    return forbidden('Team administrators cannot impersonate members at this location.');
  }
  // Members may opt out of their team administrators, never of operators' support access.
  if (kind === 'TEAM_ADMIN' && !target.allowTeamAdminImpersonation) {
    return forbidden('This member has turned off viewing by team administrators.');
  }
  if (mode === 'FULL' && !policy.fullModeAllowed) {
    return forbidden('Full access is not allowed at this location; use read-only.');
  }
  return null;
}

/** Grant-time checks: the location's policy, its reason rule, and a fresh password for full mode. */
export async function grantRefusal(
  ctx: ServiceContext,
  actor: Actor,
  target: ImpersonationTarget,
  kind: ImpersonationKind,
  request: { mode: ImpersonationMode; reason: string | null },
): Promise<HotdeskError | null> {
  const policy = await policyOf(ctx.db, target.locationId);
  const refusal = policyRefusal(policy, target, kind, request.mode);
  if (refusal) return refusal;
  if (policy.reasonRequired && !request.reason) {
    return badRequest('reason', 'A reason is required to impersonate at this location.');
  }
  if (request.mode === 'FULL' && !recentlyReauthenticated(ctx, actor)) {
    return new HotdeskError('FORBIDDEN', 'Confirm your password to start full access.', {
      reason: 'reauthentication_required',
    });
  }
  return null;
}

function recentlyReauthenticated(ctx: ServiceContext, actor: Actor): boolean {
  if (!actor.reauthenticatedAt) return false;
  return (
    ctx.now().getTime() - actor.reauthenticatedAt.getTime() <= ctx.config.reauthMinutes * 60_000
  );
}
