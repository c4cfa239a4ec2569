import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { ruleSettingsOf } from '../config';
import { type Db, type ServiceContext } from '../context';
import { badRequest, notFound } from '../errors';
import { endViewsThatNoLongerStand } from '../impersonation/review-open-views';
import {
  defaultLocationPolicy,
  locationManagerRefusal,
  policySessionMinutesRange,
  type LocationPolicy,
} from '../impersonation/rules';
import { scopeCovers, viewableLocations, type Actor } from '../sessions/actor';

export async function policyOf(db: Db, locationId: number): Promise<LocationPolicy> {
  const row = await db.locationPolicy.findUnique({ where: { locationId } });
  return row ? pick(row) : defaultLocationPolicy;
}

function pick(row: LocationPolicy): LocationPolicy {
  return {
    operatorImpersonationEnabled: row.operatorImpersonationEnabled,
    teamAdminImpersonationEnabled: row.teamAdminImpersonationEnabled,
    maxSessionMinutes: row.maxSessionMinutes,
    fullModeAllowed: row.fullModeAllowed,
    reasonRequired: row.reasonRequired,
    fullAccessNeedsSecondApproval: row.fullAccessNeedsSecondApproval,
    askMemberFirst: row.askMemberFirst,
    urgentViewAllowed: row.urgentViewAllowed,
  };
}

/** The policies of the operator's locations, and whether (and within what range) they may change each. */
export async function listLocationPolicies(ctx: ServiceContext, actor: Actor) {
  const scope = viewableLocations(actor);
  const locations = await ctx.db.location.findMany({
    where: scope === 'all' ? {} : { id: { in: scope } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, policy: true },
  });
  const sessionMinutes = policySessionMinutesRange(ruleSettingsOf(ctx.config));
  return locations.map((location) => {
    const refusal = locationManagerRefusal(actor.operatorRoles, location.id, 'change its policy');
    return {
      location: { id: location.id, name: location.name },
      policy: location.policy ? pick(location.policy) : defaultLocationPolicy,
      editable: refusal === null,
      lockedBecause: refusal?.message ?? null,
      sessionMinutes,
    };
  });
}

/** The switches a client that predates them may leave out: each keeps its stored value. */
const laterSwitches = [
  'fullAccessNeedsSecondApproval',
  'askMemberFirst',
  'urgentViewAllowed',
] as const;
type LaterSwitch = (typeof laterSwitches)[number];

/** A new policy; a switch left out keeps its stored value. */
export type PolicyChange = Omit<LocationPolicy, LaterSwitch> &
  Partial<Pick<LocationPolicy, LaterSwitch>>;

/**
 * ADMINs and OWNERs of a location change what impersonation it allows; audited. Views the new
 * policy no longer allows end in the same transaction, and say so in the audit log.
 */
export async function updateLocationPolicy(
  ctx: ServiceContext,
  actor: Actor,
  locationId: number,
  change: PolicyChange,
): Promise<LocationPolicy> {
  if (
    !scopeCovers(viewableLocations(actor), locationId) ||
    locationManagerRefusal(actor.operatorRoles, locationId, 'change its policy')
  ) {
    // Same answer whether the location exists elsewhere or the role is too weak to edit it.
    throw notFound(`No location with id ${locationId} that you administer.`);
  }
  const { min, max } = policySessionMinutesRange(ruleSettingsOf(ctx.config));
  if (change.maxSessionMinutes < min || change.maxSessionMinutes > max) {
    throw badRequest('maxSessionMinutes', `maxSessionMinutes must be between ${min} and ${max}.`);
  }
  return auditedTransaction(ctx.db, async (tx) => {
    const before = await policyOf(tx, locationId);
    const kept = Object.fromEntries(
      laterSwitches.map((name) => [name, change[name] ?? before[name]]),
    );
    const policy = { ...change, ...kept } as LocationPolicy;
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
    await endViewsThatNoLongerStand(tx, ctx, { locationId });
    return pick(saved);
  });
}
