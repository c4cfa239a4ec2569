import { type Db } from '../context';
import { reserveAttempt, type RateLimitRule } from './rate-limit';

/** A lockout that ended longer ago than this no longer lengthens the next one. */
const LOCKOUT_MEMORY_MS = 24 * 3_600_000;

export interface BackoffRule extends RateLimitRule {
  /** `windowMinutes` is the first lockout's length; later ones double up to this. */
  maxWindowMinutes: number;
}

const LOCKOUTS_SUFFIX = ':lockouts';
/** Where a key's past lockouts are counted, for the backoff. */
export const lockoutsKey = (key: string) => `${key}${LOCKOUTS_SUFFIX}`;
export const isLockoutsKey = (key: string) => key.endsWith(LOCKOUTS_SUFFIX);

/** The counter rows a backoff rule reads: its attempts and its past lockouts. */
export const backoffKeys = (rule: Pick<BackoffRule, 'key'>) => [rule.key, lockoutsKey(rule.key)];

export type CounterRow = { key: string; count: number; windowStartedAt: Date };

/** Several keys' counters in one statement, so they come from the same snapshot. */
export async function readCounters(db: Db, keys: string[]): Promise<CounterRow[]> {
  return db.rateLimitCounter.findMany({ where: { key: { in: keys } } });
}

/** The base window doubled once per earlier lockout, never above the cap nor below the base. */
function lockoutWindowMinutes(
  baseMinutes: number,
  earlierLockouts: number,
  maxMinutes: number,
): number {
  return Math.min(baseMinutes * 2 ** earlierLockouts, Math.max(baseMinutes, maxMinutes));
}

/**
 * `reserveAttempt` with escalating backoff: a lockout that follows another of the same key
 * within 24 hours lasts twice as long (its counting window doubles with it), up to the cap.
 * A lockout is recorded when the next attempt finds its window over, not when it starts: the
 * lockout under way keeps the length it was announced with, and an attempt that reached the
 * limit but is given back (`releaseAttempt`) escalates nothing.
 */
export async function reserveAttemptWithBackoff(
  db: Db,
  rule: BackoffRule,
  now: Date,
  /** The rule's counters when the caller already read them (with others, in one statement). */
  counters?: CounterRow[],
): Promise<void> {
  let backoff = backoffOf(rule, counters ?? (await readCounters(db, backoffKeys(rule))), now);
  if (backoff.endedLockout) {
    await recordEndedLockout(db, rule, backoff.windowMinutes, now);
    backoff = backoffOf(rule, await readCounters(db, backoffKeys(rule)), now);
  }
  await reserveAttempt(db, { ...rule, windowMinutes: backoff.windowMinutes }, now);
}

/** Forgets the failures and the lockouts of a key, e.g. once its owner proved who they are. */
export async function clearFailuresAndBackoff(db: Db, key: string): Promise<void> {
  await db.rateLimitCounter.deleteMany({ where: { key: { in: [key, lockoutsKey(key)] } } });
}

/**
 * Where a rule stands: its current window (the base doubled per remembered lockout), whether a
 * lockout is under way (`lockedUntil`), and whether one has ended and is still to be recorded.
 */
export function backoffOf(
  rule: Pick<BackoffRule, 'key' | 'limit' | 'windowMinutes' | 'maxWindowMinutes'>,
  counters: CounterRow[],
  now: Date,
) {
  const attempts = counters.find((counter) => counter.key === rule.key);
  const lockouts = counters.find((counter) => counter.key === lockoutsKey(rule.key));
  const remembered =
    lockouts && lockouts.windowStartedAt.getTime() > now.getTime() - LOCKOUT_MEMORY_MS
      ? lockouts.count
      : 0;
  const windowMinutes = lockoutWindowMinutes(rule.windowMinutes, remembered, rule.maxWindowMinutes);
  const windowEnds = attempts
    ? attempts.windowStartedAt.getTime() + windowMinutes * 60_000
    : Number.NEGATIVE_INFINITY;
  const full = attempts !== undefined && attempts.count >= rule.limit;
  return {
    windowMinutes,
    lockedUntil: full && windowEnds > now.getTime() ? new Date(windowEnds) : null,
    endedLockout: full && windowEnds <= now.getTime(),
  };
}

/**
 * Closes a window that ended in a lockout and counts that lockout, in one statement: of
 * concurrent attempts that all find the window over, only the one whose DELETE removes the row
 * counts it. A lockout that ended more than 24 hours ago is closed without being counted.
 */
async function recordEndedLockout(
  db: Db,
  rule: BackoffRule,
  windowMinutes: number,
  now: Date,
): Promise<void> {
  const windowMs = windowMinutes * 60_000;
  const windowStart = new Date(now.getTime() - windowMs);
  const forgottenBefore = new Date(now.getTime() - windowMs - LOCKOUT_MEMORY_MS);
  const memoryStart = new Date(now.getTime() - LOCKOUT_MEMORY_MS);
  await db.$executeRaw`
    WITH ended AS (
      DELETE FROM "RateLimitCounter"
      WHERE "key" = ${rule.key}
        AND "count" >= ${rule.limit}
        AND "windowStartedAt" <= ${windowStart}
      RETURNING "windowStartedAt"
    )
    INSERT INTO "RateLimitCounter" ("key", "windowStartedAt", "count")
    SELECT ${lockoutsKey(rule.key)}, ${now}, 1 FROM ended
    WHERE ended."windowStartedAt" > ${forgottenBefore}
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStartedAt" <= ${memoryStart}
                     THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStartedAt" = ${now}`;
}
