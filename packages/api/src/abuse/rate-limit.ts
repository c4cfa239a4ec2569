import { Prisma } from '@hotdesk/db';

import { type Db } from '../context';
import { HotdeskError } from '../errors';

export interface RateLimitRule {
  key: string;
  limit: number;
  windowMinutes: number;
  /** What the caller sees in the 429, besides `Retry-After`. */
  message: string;
}

/**
 * Fixed-window attempt counters kept in PostgreSQL, so every app instance behind a load
 * balancer sees the same counts.
 */
async function assertUnderLimit(db: Db, rule: RateLimitRule, now: Date): Promise<void> {
  const counter = await db.rateLimitCounter.findUnique({ where: { key: rule.key } });
  const refusal = counter && refusalPastLimit(rule, now, counter);
  if (refusal) throw refusal;
}

/** The 429 of `rule` when `counter`'s window, still running, has no attempt left; else null. */
export function refusalPastLimit(
  rule: RateLimitRule,
  now: Date,
  counter: { count: number; windowStartedAt: Date },
): HotdeskError | null {
  const windowEnds = counter.windowStartedAt.getTime() + rule.windowMinutes * 60_000;
  if (counter.count < rule.limit || windowEnds <= now.getTime()) return null;
  return new HotdeskError('TOO_MANY_REQUESTS', rule.message, {
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)),
    oauthError: 'too_many_requests',
  });
}

/**
 * Counts one attempt before it is tried, in a single statement that refuses once the limit is
 * reached: checking first and counting after the (slow) attempt would let any number of
 * concurrent attempts through. Throws the 429; `releaseAttempt` gives back one that turned out
 * not to count.
 */
export async function reserveAttempt(db: Db, rule: RateLimitRule, now: Date): Promise<void> {
  const counted = await db.$executeRaw`
    ${countOneMore(rule, now)}
    WHERE "RateLimitCounter"."windowStartedAt" <= ${windowStartOf(rule, now)}
       OR "RateLimitCounter"."count" < ${rule.limit}`;
  if (counted === 1) return;
  await assertUnderLimit(db, rule, now);
  // The window ended between the two statements: count this attempt in a fresh one.
  await reserveAttempt(db, rule, now);
}

const windowStartOf = (rule: Pick<RateLimitRule, 'windowMinutes'>, now: Date) =>
  new Date(now.getTime() - rule.windowMinutes * 60_000);

/**
 * The upsert that counts one attempt, starting a fresh window when the last one is over; with
 * `when`, only where that SQL condition holds (for a statement that counts failures only).
 */
export function countOneMore(
  rule: Pick<RateLimitRule, 'key' | 'windowMinutes'>,
  now: Date,
  when: Prisma.Sql = Prisma.sql`true`,
) {
  const windowStart = windowStartOf(rule, now);
  return Prisma.sql`
    INSERT INTO "RateLimitCounter" ("key", "windowStartedAt", "count")
    SELECT ${rule.key}::text, ${now.toISOString()}::timestamp(3), 1 WHERE ${when}
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStartedAt" <= ${windowStart}
                     THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStartedAt" = CASE WHEN "RateLimitCounter"."windowStartedAt" <= ${windowStart}
                     THEN ${now} ELSE "RateLimitCounter"."windowStartedAt" END`;
}

/** Gives back one attempt of each key, in one statement. */
export async function releaseAttempt(db: Db, ...keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.rateLimitCounter.updateMany({
    where: { key: { in: keys }, count: { gt: 0 } },
    data: { count: { decrement: 1 } },
  });
}

/**
 * Counts one attempt, also past the limit, in one statement, and says where the window stands:
 * the caller refuses past `limit`, and can tell the first refusal of a window from the rest
 * (so a flood of refusals is recorded once, not once each).
 */
export async function countAttempt(
  db: Db,
  rule: Pick<RateLimitRule, 'key' | 'windowMinutes'>,
  now: Date,
): Promise<{ count: number; retryAfterSeconds: number }> {
  const [row] = await db.$queryRaw<Array<{ count: number; windowStartedAt: Date }>>`
    ${countOneMore(rule, now)}
    RETURNING "count", "windowStartedAt"`;
  return windowStanding(rule, now, row?.count ?? 1, row?.windowStartedAt ?? now);
}

/** Where a counted window stands: its count, and how long until it ends. */
export function windowStanding(
  rule: Pick<RateLimitRule, 'windowMinutes'>,
  now: Date,
  count: number,
  windowStartedAt: Date,
): { count: number; retryAfterSeconds: number } {
  const windowEnds = windowStartedAt.getTime() + rule.windowMinutes * 60_000;
  return { count, retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)) };
}
