import { verifyPassword } from '@hotdesk/auth';

import { admitSignInAttempt } from '../abuse/sign-in-throttle';
import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { forbidden, HotdeskError } from '../errors';
import { type Actor } from './actor';
import { consumeTotpCode } from './two-factor';

/**
 * Proves, again, that the person at the keyboard owns this session — required before full-mode
 * impersonation. Wrong guesses count towards the same limits as sign-in.
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
    select: { id: true, email: true, passwordHash: true, totpSecret: true },
  });
  // The same counters and backoff as sign-in: a guess here is a guess at the same password.
  const attempt = await admitSignInAttempt(
    ctx,
    user.email,
    'Too many failed attempts. Try again later.',
  );
  const passwordOk =
    user.passwordHash !== null && (await verifyPassword(proof.password, user.passwordHash));
  // The code is used up only behind the right password: a guesser cannot burn it.
  const totpOk =
    !user.totpSecret ||
    (passwordOk && proof.totp
      ? await consumeTotpCode(ctx.db, { ...user, totpSecret: user.totpSecret }, proof.totp, now)
      : false);
  if (!passwordOk || !totpOk) {
    await attempt.failed(ctx.db);
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
  await auditedTransaction(ctx.db, async (tx) => {
    await attempt.succeeded(tx);
    await tx.session.update({ where: { id: actor.sessionId }, data: { reauthenticatedAt: now } });
    await recordAuditEvent(tx, { type: 'REAUTHENTICATED', actor, request: ctx.request, at: now });
  });
  return { reauthenticatedAt: now };
}
