/**
 * 7: what housekeeping protects. Password grants and operator grants are measured as the
 * tables are, then again once `deadRows` expired sessions and as many stale rate-limit counters
 * have been added, then after one housekeeping pass has deleted them: the costs should not move
 * (every lookup is by an index whose depth barely grows), and the pass should keep the tables
 * from growing without end.
 */
import { runHousekeepingPass } from '@hotdesk/api/services';

import { log } from './log';
import { describeLoad, loadSeries, passwordGrants, section, type Harness } from './measurements';
import { type LoadFigures } from './results';
import { round } from './stats';
import { portal } from './system';

export interface TableSizes {
  sessions: number;
  rateLimitCounters: number;
}

export interface HousekeepingState {
  state: 'as seeded' | 'with dead rows' | 'after housekeeping';
  rows: TableSizes;
  signIn: LoadFigures;
  grant: LoadFigures;
}

export interface HousekeepingFigures {
  deadRows: number;
  insertSeconds: number;
  pass: { seconds: number; sessions: number; rateLimitCounters: number; vacuumSeconds: number };
  states: HousekeepingState[];
}

const INSERT_BATCH = 250_000;

async function tableSizes(h: Harness): Promise<TableSizes> {
  const [row] = await h.ctx().db.$queryRaw<Array<TableSizes>>`
    SELECT (SELECT count(*) FROM "Session")::int AS sessions,
           (SELECT count(*) FROM "RateLimitCounter")::int AS "rateLimitCounters"`;
  return row ?? { sessions: NaN, rateLimitCounters: NaN };
}

/**
 * Sessions of many users whose absolute expiry passed 30 days ago (past the default 7-day
 * retention), with token hashes like real ones; and sign-in counters of accounts and addresses
 * whose window started three days ago (past the 48-hour retention).
 */
async function addDeadRows(h: Harness, count: number): Promise<void> {
  const db = h.ctx().db;
  for (let from = 1; from <= count; from += INSERT_BATCH) {
    const to = Math.min(count, from + INSERT_BATCH - 1);
    await db.$executeRaw`
      WITH users AS (SELECT array_agg(id) AS ids FROM "User")
      INSERT INTO "Session" (id, "userId", audience, "clientId", "accessTokenHash",
                             "refreshTokenHash", "accessExpiresAt", "expiresAt", "createdAt",
                             "lastSeenAt")
      SELECT gen_random_uuid(), users.ids[1 + n % array_length(users.ids, 1)], 'PORTAL',
             'bench-dead', encode(sha256(('access' || n || random())::text::bytea), 'hex'),
             encode(sha256(('refresh' || n || random())::text::bytea), 'hex'),
             now() - interval '31 days', now() - interval '30 days', now() - interval '60 days',
             now() - interval '31 days'
      FROM generate_series(${from}::int, ${to}::int) AS n, users`;
    await db.$executeRaw`
      INSERT INTO "RateLimitCounter" ("key", "windowStartedAt", "count")
      SELECT CASE WHEN n % 2 = 0
                  THEN 'sign-in:account:dead-' || n || '@example.com'
                  ELSE 'sign-in:ip:198.18.' || (n / 256 % 256) || '.' || (n % 256) || '.' || n
             END,
             now() - interval '3 days', 1 + n % 5
      FROM generate_series(${from}::int, ${to}::int) AS n`;
  }
  await db.$executeRawUnsafe('ANALYZE "Session", "RateLimitCounter"');
}

async function measureCosts(
  h: Harness,
  state: HousekeepingState['state'],
): Promise<HousekeepingState> {
  const rows = await tableSizes(h);
  const targets = h.fixtures.targetIds;
  const signIn = await loadSeries(h, passwordGrants(h));
  const grant = await loadSeries(h, {
    url: `${portal.url}/api/sys/users/impersonate?coworkerId=${targets[0]}`,
    connections: h.options.tokenConnections,
    seconds: h.options.seconds,
    headers: { Authorization: `Bearer ${h.operatorBearers[0]}` },
    vary: (i) => ({
      path: `/api/sys/users/impersonate?coworkerId=${targets[i % targets.length]}`,
    }),
  });
  log(
    `  ${state} (${rows.sessions.toLocaleString('en')} sessions, ` +
      `${rows.rateLimitCounters.toLocaleString('en')} counters)`,
  );
  log(describeLoad('sign-in', signIn));
  log(describeLoad('grant', grant));
  return { state, rows, signIn, grant };
}

export async function measureHousekeeping(h: Harness): Promise<HousekeepingFigures> {
  const states: HousekeepingState[] = [];
  let insertSeconds = NaN;
  let pass = { seconds: NaN, sessions: 0, rateLimitCounters: 0, vacuumSeconds: NaN };
  await section(h, 'sign-in and grant as seeded', async () => {
    states.push(await measureCosts(h, 'as seeded'));
  });
  await section(h, `adding ${h.options.deadRows.toLocaleString('en')} dead rows each`, async () => {
    const started = performance.now();
    await addDeadRows(h, h.options.deadRows);
    insertSeconds = round((performance.now() - started) / 1000);
    log(`  added in ${insertSeconds} s`);
  });
  await section(h, 'sign-in and grant with dead rows', async () => {
    states.push(await measureCosts(h, 'with dead rows'));
  });
  await section(h, 'one housekeeping pass', async () => {
    const ctx = h.ctx();
    const started = performance.now();
    const outcome = await runHousekeepingPass(ctx.db, ctx.config.housekeeping, new Date());
    const seconds = round((performance.now() - started) / 1000);
    // What autovacuum does soon after a large delete; timed apart from the pass.
    const vacuumStarted = performance.now();
    await ctx.db.$executeRawUnsafe('VACUUM (ANALYZE) "Session", "RateLimitCounter"');
    const vacuumSeconds = round((performance.now() - vacuumStarted) / 1000);
    pass = {
      seconds,
      sessions: outcome.sessions,
      rateLimitCounters: outcome.rateLimitCounters,
      vacuumSeconds,
    };
    log(
      `  deleted ${outcome.sessions.toLocaleString('en')} sessions and ` +
        `${outcome.rateLimitCounters.toLocaleString('en')} counters in ${seconds} s ` +
        `(then VACUUM ANALYZE ${vacuumSeconds} s)`,
    );
  });
  await section(h, 'sign-in and grant after housekeeping', async () => {
    states.push(await measureCosts(h, 'after housekeeping'));
  });
  return { deadRows: h.options.deadRows, insertSeconds, pass, states };
}
