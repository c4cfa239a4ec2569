import { verifyPasswordOrDummy } from '@hotdesk/auth';
import { type SessionAudience } from '@hotdesk/db';

import { admitSignInAttempt, normalizedEmail } from '../abuse/sign-in-throttle';
import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { HotdeskError } from '../errors';
import { openSession, type IssuedSession } from './open-session';
import { consumeTotpCode } from './two-factor';

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
 * Password sign-in with the two-factor step. The attempt is admitted (counted) before anything
 * is checked, so a locked-out caller learns nothing about the password; an attempt that fails
 * for another reason than a wrong secret is given back (abuse/sign-in-throttle.ts).
 */
export async function signInWithPassword(
  ctx: ServiceContext,
  input: PasswordSignInInput,
): Promise<IssuedSession & { userId: number }> {
  const now = ctx.now();
  const email = normalizedEmail(input.email);
  const attempt = await admitSignInAttempt(ctx, email);

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
      if (!counts) await attempt.givenBack(tx);
      await recordAuditEvent(tx, {
        type: 'SIGN_IN_FAILED',
        actorUserId: user?.id ?? null,
        data: { reason: failure, audience: input.audience, ...(user ? {} : { email }) },
        request: ctx.request,
        at: now,
      });
    });
    if (counts) await attempt.failed(ctx.db);
    throw new HotdeskError('BAD_REQUEST', messages[failure], { oauthError: failure });
  };

  const passwordOk = await verifyPasswordOrDummy(input.password, user?.passwordHash ?? null);
  if (!user || !passwordOk) return fail('invalid_grant', true);
  if (!user.active) return fail('invalid_grant', false);
  if (user.totpSecret) {
    if (!input.totp) return fail('two_factor_auth_check', false);
    const fresh = await consumeTotpCode(
      ctx.db,
      { ...user, totpSecret: user.totpSecret },
      input.totp,
      now,
    );
    if (!fresh) return fail('two_factor_auth_check', true);
  }
  if (user.mustResetPassword) return fail('must_reset_password', false);
  const isOperator = user.operatorRoles.length > 0;
  if (input.audience === 'ADMIN' && !isOperator) return fail('not_an_operator', false);

  return auditedTransaction(ctx.db, async (tx) => {
    await attempt.succeeded(tx);
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
