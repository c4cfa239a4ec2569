import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type Db, type ServiceContext } from '../context';
import { badRequest, notFound } from '../errors';
import { administersLocation, scopeCovers, viewableLocations, type Actor } from '../sessions/actor';

export interface ImpersonationPolicy {
  operatorImpersonationEnabled: boolean;
  teamAdminImpersonationEnabled: boolean;
  maxSessionMinutes: number;
  fullModeAllowed: boolean;
  reasonRequired: boolean;
}

/** What a location without a policy row allows. */
export const defaultPolicy: ImpersonationPolicy = {
  operatorImpersonationEnabled: true,
  teamAdminImpersonationEnabled: true,
  maxSessionMinutes: 60,
  fullModeAllowed: true,
  reasonRequired: false,
};

export async function policyOf(db: Db, locationId: number): Promise<ImpersonationPolicy> {
  const row = await db.locationPolicy.findUnique({ where: { locationId } });
  return row ? pick(row) : defaultPolicy;
}

function pick(row: ImpersonationPolicy): ImpersonationPolicy {
  return {
    operatorImpersonationEnabled: row.operatorImpersonationEnabled,
    teamAdminImpersonationEnabled: row.teamAdminImpersonationEnabled,
    maxSessionMinutes: row.maxSessionMinutes,
    fullModeAllowed: row.fullModeAllowed,
    reasonRequired: row.reasonRequired,
  };
}

/** The policies of the operator's locations, and whether they may change each. */
export async function listLocationPolicies(ctx: ServiceContext, actor: Actor) {
  const scope = viewableLocations(actor);
  const locations = await ctx.db.location.findMany({
    where: scope === 'all' ? {} : { id: { in: scope } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, policy: true },
  });
  return locations.map((location) => ({
    location: { id: location.id, name: location.name },
    policy: location.policy ? pick(location.policy) : defaultPolicy,
    editable: administersLocation(actor, location.id),
    maxSessionMinutesCap: ctx.config.impersonationMaxMinutes,
  }));
}

/** ADMINs and OWNERs of a location change what impersonation it allows; audited. */
export async function updateLocationPolicy(
  ctx: ServiceContext,
  actor: Actor,
  locationId: number,
  policy: ImpersonationPolicy,
): Promise<ImpersonationPolicy> {
  if (
    !scopeCovers(viewableLocations(actor), locationId) ||
    !administersLocation(actor, locationId)
  ) {
    // Same answer whether the location exists elsewhere or the role is too weak to edit it.
    throw notFound(`No location with id ${locationId} that you administer.`);
  }
  const cap = ctx.config.impersonationMaxMinutes;
  if (policy.maxSessionMinutes < 5 || policy.maxSessionMinutes > cap) {
    throw badRequest('maxSessionMinutes', `maxSessionMinutes must be between 5 and ${cap}.`);
  }
  return auditedTransaction(ctx.db, async (tx) => {
    const before = await policyOf(tx, locationId);
    const saved = await tx.locationPolicy.upsert({
      where: { locationId },
      create: { locationId, ...policy, updatedByUserId: actor.userId },
      update: { ...policy, updatedByUserId: actor.userId },
    });
    await recordAuditEvent(tx, {
      type: 'POLICY_UPDATED',
      actor,
      locationId,
      data: { before: { ...before }, after: { ...policy } },
      request: ctx.request,
      at: ctx.now(),
    });
    return pick(saved);
  });
}
