import { verifyPassword, verifyTotp } from '@hotdesk/auth';

import { reserveAttemptWithBackoff } from '../abuse/lockout-backoff';
import { releaseAttempt } from '../abuse/rate-limit';
import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { forbidden, HotdeskError } from '../errors';
import { type Actor } from './actor';

/**
 * Proves, again, that the person at the keyboard owns this session — required before full-mode
 * impersonation. Wrong guesses count towards the same per-account limit as sign-in.
 */
export async function reauthenticate(
  ctx: ServiceContext,
  actor: Actor,
  proof: { password: string; totp?: string | null },
): Promise<{ reauthenticatedAt: Date }> {
  if (actor.impersonation || actor.userId === null) {
    throw forbidden('Not available while viewing as someone else.');
  }
  const now = ctx.now();
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { email: true, passwordHash: true, totpSecret: true },
  });
  const limits = ctx.config.signInLimits;
  const key = `sign-in:account:${user.email.toLowerCase()}`;
  // Same counter and same backoff as sign-in: a shorter window here would end its lockout early.
  await reserveAttemptWithBackoff(
    ctx.db,
    {
      key,
      limit: limits.perAccount,
      windowMinutes: limits.windowMinutes,
      maxWindowMinutes: limits.maxLockoutMinutes,
      message: 'Too many failed attempts. Try again later.',
    },
    now,
  );
  const passwordOk =
    user.passwordHash !== null && (await verifyPassword(proof.password, user.passwordHash));
  const totpOk = !user.totpSecret || (proof.totp ? verifyTotp(user.totpSecret, proof.totp) : false);
  if (!passwordOk || !totpOk) {
    throw new HotdeskError(
      'FORBIDDEN',
      user.totpSecret && passwordOk
        ? 'The authentication code is not valid.'
        : 'The password is incorrect.',
      {
        field: passwordOk ? 'totp' : 'password',
        reason: passwordOk ? 'two_factor_auth_check' : 'invalid_password',
      },
    );
  }
  await releaseAttempt(ctx.db, key);
  await auditedTransaction(ctx.db, async (tx) => {
    await tx.session.update({ where: { id: actor.sessionId }, data: { reauthenticatedAt: now } });
    await recordAuditEvent(tx, { type: 'REAUTHENTICATED', actor, request: ctx.request, at: now });
  });
  return { reauthenticatedAt: now };
}
