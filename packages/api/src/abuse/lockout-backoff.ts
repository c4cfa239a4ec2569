import { type Db } from '../context';
import { reserveAttempt, type RateLimitRule } from './rate-limit';

/** A lockout that ended longer ago than this no longer lengthens the next one. */
const LOCKOUT_MEMORY_MS = 24 * 3_600_000;

export interface BackoffRule extends RateLimitRule {
  /** `windowMinutes` is the first lockout's length; later ones double up to this. */
  maxWindowMinutes: number;
}

const lockoutsKey = (key: string) => `${key}:lockouts`;

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
): Promise<void> {
  let backoff = await readBackoff(db, rule, now);
  if (backoff.endedLockout) {
    await recordEndedLockout(db, rule, backoff.windowMinutes, now);
    backoff = await readBackoff(db, rule, now);
  }
  await reserveAttempt(db, { ...rule, windowMinutes: backoff.windowMinutes }, now);
}

/** Forgets the failures and the lockouts of a key, e.g. once its owner proved who they are. */
export async function clearFailuresAndBackoff(db: Db, key: string): Promise<void> {
  await db.rateLimitCounter.deleteMany({ where: { key: { in: [key, lockoutsKey(key)] } } });
}

async function readBackoff(db: Db, rule: BackoffRule, now: Date) {
  // One statement, so the two counters are read from the same snapshot.
  const counters = await db.rateLimitCounter.findMany({
    where: { key: { in: [rule.key, lockoutsKey(rule.key)] } },
  });
  const attempts = counters.find((counter) => counter.key === rule.key);
  const lockouts = counters.find((counter) => counter.key === lockoutsKey(rule.key));
  const remembered =
    lockouts && lockouts.windowStartedAt.getTime() > now.getTime() - LOCKOUT_MEMORY_MS
      ? lockouts.count
      : 0;
  const windowMinutes = lockoutWindowMinutes(rule.windowMinutes, remembered, rule.maxWindowMinutes);
  const endedLockout =
    attempts !== undefined &&
    attempts.count >= rule.limit &&
    attempts.windowStartedAt.getTime() + windowMinutes * 60_000 <= now.getTime();
  return { windowMinutes, endedLockout };
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
