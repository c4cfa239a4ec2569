import { type Db, type ServiceContext } from '../context';
import { backoffOf, isLockoutsKey, lockoutsKey, type CounterRow } from './lockout-backoff';
import { signInKeys, signInRules } from './sign-in-throttle';

export interface SignInLock {
  /** When the last lockout under way ends; null when the account may sign in from anywhere. */
  lockedUntil: Date | null;
  /** Addresses locked out of this account (each after its own failures). */
  lockedAddresses: number;
  /** The account-wide cap is reached: only the owner's usual addresses still get in. */
  accountWide: boolean;
}

/** Where an account's sign-in stands: which of its counters refuse attempts now. */
export async function describeSignInLock(
  ctx: Pick<ServiceContext, 'db' | 'config' | 'now'>,
  email: string,
): Promise<SignInLock> {
  const now = ctx.now();
  const rows = await accountCounters(ctx.db, email);
  const rules = signInRules(ctx, email, null);
  const account = backoffOf(rules.account, rows, now);
  const perAddress = rows
    .filter((row) => row.key.startsWith(signInKeys.accountAddressPrefix(email)))
    .filter((row) => !isLockoutsKey(row.key))
    .map((row) => backoffOf({ ...rules.accountAtAddress, key: row.key }, rows, now).lockedUntil)
    .filter((until): until is Date => until !== null);
  const ends = [...perAddress, ...(account.lockedUntil ? [account.lockedUntil] : [])];
  return {
    lockedUntil: ends.length ? new Date(Math.max(...ends.map((end) => end.getTime()))) : null,
    lockedAddresses: perAddress.length,
    accountWide: account.lockedUntil !== null,
  };
}

/**
 * Forgets every failure and lockout of an account, from every address. The addresses' own
 * counters across accounts stay: unlocking one account unlocks no guessing at others.
 */
export async function clearSignInFailures(db: Db, email: string): Promise<number> {
  const account = signInKeys.account(email);
  return db.$executeRaw`
    DELETE FROM "RateLimitCounter"
    WHERE "key" IN (${account}, ${lockoutsKey(account)})
       OR starts_with("key", ${signInKeys.accountAddressPrefix(email)})`;
}

function accountCounters(db: Db, email: string): Promise<CounterRow[]> {
  const account = signInKeys.account(email);
  return db.$queryRaw<CounterRow[]>`
    SELECT "key", "count", "windowStartedAt" FROM "RateLimitCounter"
    WHERE "key" IN (${account}, ${lockoutsKey(account)})
       OR starts_with("key", ${signInKeys.accountAddressPrefix(email)})`;
}
