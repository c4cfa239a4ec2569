import { type ServiceContext } from '../context';
import { HotdeskError } from '../errors';
import { type Actor } from '../sessions/actor';
import { endImpersonation } from './end-impersonation';
import { auditedTransaction } from '../audit/record-audit-event';

export interface ExitResult {
  kind: 'OPERATOR' | 'TEAM_ADMIN';
  targetCoworkerId: number;
  /** Where the impersonator goes back to. */
  returnTo: string;
}

/** Ends the caller's impersonated session at once. Allowed in read-only mode: it is the way out. */
export async function exitImpersonation(ctx: ServiceContext, actor: Actor): Promise<ExitResult> {
  const impersonation = actor.impersonation;
  if (!impersonation) {
    throw new HotdeskError('BAD_REQUEST', 'This session is not an impersonation.', {
      field: 'session',
    });
  }
  await auditedTransaction(ctx.db, (tx) =>
    endImpersonation(tx, ctx, impersonation.id, 'EXITED', actor),
  );
  const returnTo =
    impersonation.kind === 'OPERATOR'
      ? `${ctx.config.adminUrl}/customers/${impersonation.targetCoworkerId}`
      : `${ctx.config.portalUrl}/team`;
  return { kind: impersonation.kind, targetCoworkerId: impersonation.targetCoworkerId, returnTo };
}
