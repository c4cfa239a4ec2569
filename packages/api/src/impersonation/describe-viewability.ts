import { type ImpersonationKind } from '@hotdesk/db';

import { ruleSettingsOf } from '../config';
import { type ServiceContext } from '../context';
import { type Actor } from '../sessions/actor';
import { loadViewingSnapshot } from './grant-statements';
import { viewability, type Viewability } from './rules';

/**
 * "Can I view this person, and on what terms?" — the rules' own answer, for the apps to show
 * before anything starts: the same facts and the same function the grant itself uses.
 */
export async function describeViewability(
  ctx: ServiceContext,
  actor: Actor,
  kind: ImpersonationKind,
  coworkerId: number,
): Promise<Viewability> {
  const snapshot = await loadViewingSnapshot(ctx.db, actor, kind, coworkerId);
  return viewability(snapshot, ruleSettingsOf(ctx.config), ctx.now());
}
