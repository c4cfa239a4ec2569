import { setTimeout as sleep } from 'node:timers/promises';

import { type Db, type ServiceContext } from '../context';
import { HotdeskError } from '../errors';
import {
  backoffKeys,
  clearFailuresAndBackoff,
  readCounters,
  reserveAttemptWithBackoff,
  type BackoffRule,
  type CounterRow,
} from './lockout-backoff';
import { releaseAttempt, reserveAttempt } from './rate-limit';

/** The rate-limit keys of password (and code) attempts. */
export const signInKeys = {
  address: (ip: string | null) => `sign-in:ip:${ip ?? 'unknown'}`,
  /** Every address's failures on one account: the account-wide cap. */
  account: (email: string) => `sign-in:account:${normalizedEmail(email)}`,
  /** All of one account's per-address keys start with this (the e-mail is %-encoded: no `:`). */
  accountAddressPrefix: (email: string) =>
    `sign-in:account-ip:${encodeURIComponent(normalizedEmail(email))}:`,
  accountAtAddress: (email: string, ip: string | null) =>
    `${signInKeys.accountAddressPrefix(email)}${ip ?? 'unknown'}`,
  /** Failed attempts on every account from every address: the global budget. */
  everywhere: 'sign-in:everywhere',
};

export function normalizedEmail(email: string): string {
  return email.trim().toLowerCase();
}

const defaultRefusal = 'Too many failed sign-in attempts. Try again later.';

/** The three lockout rules of one attempt, from the configured limits. */
export function signInRules(
  ctx: Pick<ServiceContext, 'config'>,
  email: string,
  ip: string | null,
  message = defaultRefusal,
) {
  const limits = ctx.config.signInLimits;
  const rule = (key: string, limit: number): BackoffRule => ({
    key,
    limit,
    windowMinutes: limits.windowMinutes,
    maxWindowMinutes: limits.maxLockoutMinutes,
    message,
  });
  return {
    address: rule(signInKeys.address(ip), limits.perIp),
    accountAtAddress: rule(signInKeys.accountAtAddress(email, ip), limits.perAccountAndIp),
    account: rule(signInKeys.account(email), limits.perAccount),
  };
}

export interface SignInAttempt {
  /** A wrong password or code: it stays counted, and counts towards the global budget. */
  failed(db: Db): Promise<void>;
  /** Refused for another reason (suspended, code missing, …): the attempt is given back. */
  givenBack(db: Db): Promise<void>;
  /** The secret was right: this address's failures on the account and their backoff go. */
  succeeded(db: Db): Promise<void>;
}

/**
 * Admits one password attempt, counted before anything is checked so a locked-out caller
 * learns nothing, or throws the 429. Failures count per address (spraying across accounts),
 * per account and address (guessing one account from one place) and per account from all
 * addresses, with a higher cap (guessing from many places). That last cap never shuts the owner
 * out of their usual address (one they signed in from lately): an attacker elsewhere cannot
 * lock the owner out, only themselves. Past a global budget of failures, every attempt
 * but the owner's from their usual address waits a moment first: guessing slows everywhere,
 * and nobody is locked out by it.
 */
export async function admitSignInAttempt(
  ctx: ServiceContext,
  email: string,
  message = defaultRefusal,
): Promise<SignInAttempt> {
  const now = ctx.now();
  const ip = ctx.request.ip;
  const rules = signInRules(ctx, email, ip, message);
  const counters = await readCounters(ctx.db, [
    ...backoffKeys(rules.address),
    ...backoffKeys(rules.accountAtAddress),
    ...backoffKeys(rules.account),
    signInKeys.everywhere,
  ]);
  let usual: Promise<boolean> | undefined;
  const fromUsualAddress = () => (usual ??= isUsualAddress(ctx, email, ip));

  await reserveAttemptWithBackoff(ctx.db, rules.address, now, counters);
  const reserved = [rules.address.key];
  try {
    await reserveAttemptWithBackoff(ctx.db, rules.accountAtAddress, now, counters);
    reserved.push(rules.accountAtAddress.key);
    try {
      await reserveAttemptWithBackoff(ctx.db, rules.account, now, counters);
      reserved.push(rules.account.key);
    } catch (error) {
      if (!(error instanceof HotdeskError) || !(await fromUsualAddress())) throw error;
    }
  } catch (error) {
    await releaseAttempt(ctx.db, ...reserved);
    throw error;
  }

  if (overGlobalBudget(ctx, counters, now) && !(await fromUsualAddress())) {
    await sleep(ctx.config.signInLimits.globalDelaySeconds * 1000);
  }

  return {
    failed: (db) =>
      reserveAttempt(
        db,
        {
          key: signInKeys.everywhere,
          limit: 2_147_483_647,
          windowMinutes: ctx.config.signInLimits.windowMinutes,
          message,
        },
        now,
      ),
    givenBack: (db) => releaseAttempt(db, ...reserved),
    succeeded: async (db) => {
      // The address keeps its own count: one good account must not unlock guessing at others.
      await clearFailuresAndBackoff(db, rules.accountAtAddress.key);
      await releaseAttempt(db, ...reserved.filter((key) => key !== rules.accountAtAddress.key));
    },
  };
}

function overGlobalBudget(ctx: ServiceContext, counters: CounterRow[], now: Date): boolean {
  const limits = ctx.config.signInLimits;
  const everywhere = counters.find((counter) => counter.key === signInKeys.everywhere);
  if (!everywhere) return false;
  const windowEnds = everywhere.windowStartedAt.getTime() + limits.windowMinutes * 60_000;
  return windowEnds > now.getTime() && everywhere.count >= limits.globalFailureBudget;
}

/**
 * An address the account's owner signed in from within a session's lifetime: a session of
 * theirs (not an impersonation of them) was opened from it.
 */
async function isUsualAddress(
  ctx: ServiceContext,
  email: string,
  ip: string | null,
): Promise<boolean> {
  if (ip === null) return false;
  const since = new Date(ctx.now().getTime() - ctx.config.sessionDays * 86_400_000);
  const session = await ctx.db.session.findFirst({
    where: {
      user: { email: normalizedEmail(email) },
      ip,
      createdAt: { gte: since },
      impersonation: { is: null },
    },
    select: { id: true },
  });
  return session !== null;
}
