import { type ServiceContext } from '../context';
import { forbidden, notFound, unauthenticated } from '../errors';
import { impersonableLocations, isEmptyScope, scopeCovers, type Actor } from '../sessions/actor';
import {
  grantImpersonation,
  normaliseGrantRequest,
  recordGrantDenial,
  type Grant,
  type GrantRequest,
} from './grant-impersonation';
import { findImpersonationTarget, targetRefusal } from './impersonation-target';

/** An operator (OWNER, ADMIN, OPERATOR) asks to view the portal as a coworker of their locations. */
export async function issueOperatorImpersonation(
  ctx: ServiceContext,
  actor: Actor,
  request: GrantRequest,
): Promise<Grant> {
  const deny = (
    status: number,
    why: string,
    target = null as Awaited<ReturnType<typeof findImpersonationTarget>>,
  ) =>
    recordGrantDenial(ctx, actor, {
      coworkerId: request.coworkerId,
      kind: 'OPERATOR',
      status,
      why,
      target,
    });

  const scope = impersonableLocations(actor);
  // Members, VIEWERs and impersonated sessions are simply not operators here: 401, as the contract says.
  if (isEmptyScope(scope)) {
    await deny(401, actor.impersonation ? 'impersonated session' : 'not an operator');
    throw unauthenticated('Only operators may impersonate customers.');
  }
  const grantRequest = normaliseGrantRequest(request);
  const target = await findImpersonationTarget(ctx.db, request.coworkerId);
  // Outside the operator's locations the coworker "does not exist": 404 never confirms it does elsewhere.
  if (!target || !scopeCovers(scope, target.locationId)) {
    await deny(404, target ? 'outside the operator locations' : 'unknown coworker');
    throw notFound(`No customer with id ${request.coworkerId} in your locations.`);
  }
  const refusal = targetRefusal(target, actor.userId);
  if (refusal) {
    await deny(403, refusal, target);
    throw forbidden(refusal);
  }
  return grantImpersonation(ctx, actor, target, 'OPERATOR', grantRequest);
}
