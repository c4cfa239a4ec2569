import { verifyPasswordOrDummy, verifyTotp } from '@hotdesk/auth';
import { type SessionAudience } from '@hotdesk/db';

import {
  clearFailuresAndBackoff,
  reserveAttemptWithBackoff,
  type BackoffRule,
} from '../abuse/lockout-backoff';
import { releaseAttempt } from '../abuse/rate-limit';
import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { HotdeskError } from '../errors';
import { openSession, type IssuedSession } from './open-session';

export interface PasswordSignInInput {
  email: string;
  password: string;
  totp?: string | null;
  clientId?: string | null;
  audience: SessionAudience;
  /**
   * `cookie`: an app's own session, one access token for its whole (shorter) life.
   * `bearer`: the REST contract's short access token renewed with the refresh token.
   */
  transport: 'cookie' | 'bearer';
}

export type SignInFailure =
  'invalid_grant' | 'two_factor_auth_check' | 'must_reset_password' | 'not_an_operator';

const messages: Record<SignInFailure, string> = {
  invalid_grant: 'The e-mail or password is incorrect, or the account is suspended.',
  two_factor_auth_check: 'A valid two-factor code is required for this account.',
  must_reset_password: 'This account must reset its password before signing in.',
  not_an_operator: 'This is a member account: sign in to the member portal instead.',
};

/**
 * Password sign-in with the two-factor step. Attempts are counted per account and per IP
 * before anything is checked, so a locked-out caller learns nothing about the password; an
 * attempt that fails for another reason than a wrong secret is given back. Repeated lockouts
 * grow longer; signing in clears the account's failures and its backoff.
 */
export async function signInWithPassword(
  ctx: ServiceContext,
  input: PasswordSignInInput,
): Promise<IssuedSession & { userId: number }> {
  const now = ctx.now();
  const email = input.email.trim().toLowerCase();
  const limits = ctx.config.signInLimits;
  const accountKey = `sign-in:account:${email}`;
  const ipKey = `sign-in:ip:${ctx.request.ip ?? 'unknown'}`;
  const rule = (key: string, limit: number): BackoffRule => ({
    key,
    limit,
    windowMinutes: limits.windowMinutes,
    maxWindowMinutes: limits.maxLockoutMinutes,
    message: 'Too many failed sign-in attempts. Try again later.',
  });
  await reserveAttemptWithBackoff(ctx.db, rule(ipKey, limits.perIp), now);
  try {
    await reserveAttemptWithBackoff(ctx.db, rule(accountKey, limits.perAccount), now);
  } catch (error) {
    await releaseAttempt(ctx.db, ipKey);
    throw error;
  }

  const user = await ctx.db.user.findUnique({
    where: { email },
    select: {
      id: true,
      active: true,
      passwordHash: true,
      totpSecret: true,
      mustResetPassword: true,
      operatorRoles: { select: { id: true } },
      coworkers: { where: { active: true }, orderBy: { id: 'asc' }, take: 1, select: { id: true } },
    },
  });

  const fail = async (failure: SignInFailure, counts: boolean): Promise<never> => {
    await auditedTransaction(ctx.db, async (tx) => {
      if (!counts) {
        await releaseAttempt(tx, accountKey);
        await releaseAttempt(tx, ipKey);
      }
      await recordAuditEvent(tx, {
        type: 'SIGN_IN_FAILED',
        actorUserId: user?.id ?? null,
        data: { reason: failure, audience: input.audience, ...(user ? {} : { email }) },
        request: ctx.request,
        at: now,
      });
    });
    throw new HotdeskError('BAD_REQUEST', messages[failure], { oauthError: failure });
  };

  const passwordOk = await verifyPasswordOrDummy(input.password, user?.passwordHash ?? null);
  if (!user || !passwordOk) return fail('invalid_grant', true);
  if (!user.active) return fail('invalid_grant', false);
  if (user.totpSecret) {
    if (!input.totp) return fail('two_factor_auth_check', false);
    if (!verifyTotp(user.totpSecret, input.totp)) return fail('two_factor_auth_check', true);
  }
  if (user.mustResetPassword) return fail('must_reset_password', false);
  const isOperator = user.operatorRoles.length > 0;
  if (input.audience === 'ADMIN' && !isOperator) return fail('not_an_operator', false);

  return auditedTransaction(ctx.db, async (tx) => {
    // The address keeps its escalation: one good account must not unlock guessing at others.
    await clearFailuresAndBackoff(tx, accountKey);
    await releaseAttempt(tx, ipKey);
    const session = await openSession(tx, ctx, {
      userId: user.id,
      coworkerId: user.coworkers[0]?.id ?? null,
      audience: input.audience,
      clientId: input.clientId ?? email,
      expiresAt: new Date(
        now.getTime() +
          (input.transport === 'cookie'
            ? ctx.config.appSessionHours * 3_600_000
            : ctx.config.sessionDays * 86_400_000),
      ),
      accessLivesAsLongAsSession: input.transport === 'cookie',
      reauthenticated: true,
    });
    await recordAuditEvent(tx, {
      type: 'SIGN_IN',
      actorUserId: user.id,
      actorCoworkerId: user.coworkers[0]?.id ?? null,
      data: { audience: input.audience, sessionId: session.sessionId },
      request: ctx.request,
      at: now,
    });
    return { ...session, userId: user.id };
  });
}
