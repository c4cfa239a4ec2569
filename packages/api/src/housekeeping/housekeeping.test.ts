import { setTimeout as delay } from 'node:timers/promises';

import { createTestDatabase, type TestDatabase } from '@hotdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HOUSEKEEPING_LOCK, runHousekeepingPass, scheduleHousekeeping } from './housekeeping';

let database: TestDatabase;
const now = new Date();
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
const settings = {
  intervalMinutes: 10,
  sessionRetentionDays: 7,
  rateLimitRetentionHours: 48,
  lookRetentionDays: 30,
  sentMailRetentionDays: 7,
};

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

/** `count` sessions of `label` whose absolute expiry was `expiredHoursAgo` before `now`. */
async function addSessions(label: string, count: number, expiredHoursAgo: number) {
  await database.prisma.$executeRaw`
    INSERT INTO "Session" (id, "userId", audience, "accessTokenHash", "accessExpiresAt",
                           "expiresAt", "clientId")
    SELECT gen_random_uuid(), (SELECT id FROM "User" WHERE email = 'bob@example.com'), 'PORTAL',
           ${label} || '-' || n, ${hoursAgo(expiredHoursAgo + 1)}, ${hoursAgo(expiredHoursAgo)},
           ${label}
    FROM generate_series(1, ${count}::int) AS n`;
}

const sessionsOf = (label: string) => database.prisma.session.count({ where: { clientId: label } });

async function addCounters(prefix: string, count: number, startedHoursAgo: number) {
  await database.prisma.$executeRaw`
    INSERT INTO "RateLimitCounter" ("key", "windowStartedAt", "count")
    SELECT ${prefix} || n, ${hoursAgo(startedHoursAgo)}, 3 FROM generate_series(1, ${count}::int) n`;
}

const countersOf = (prefix: string) =>
  database.prisma.rateLimitCounter.count({ where: { key: { startsWith: prefix } } });

/** A grant of bob's view whose impersonated session and actor session are both long expired. */
async function addGrantPointingAt(viewLabel: string, actorLabel: string) {
  const sessionOf = (label: string) =>
    database.prisma.session.findFirstOrThrow({ where: { clientId: label }, select: { id: true } });
  const view = await sessionOf(viewLabel);
  const actor = await sessionOf(actorLabel);
  const owner = await database.prisma.user.findUniqueOrThrow({
    where: { email: 'owner@hotdesk.test' },
  });
  const bob = await database.prisma.coworker.findFirstOrThrow({
    where: { email: 'bob@example.com' },
  });
  await database.prisma.impersonation.create({
    data: {
      id: crypto.randomUUID(),
      kind: 'OPERATOR',
      actorUserId: owner.id,
      actorSessionId: actor.id,
      targetCoworkerId: bob.id,
      locationId: bob.locationId,
      tokenExpiresAt: hoursAgo(400),
      exchangedAt: hoursAgo(400),
      sessionId: view.id,
      endedAt: hoursAgo(399),
      endedReason: 'EXPIRED',
    },
  });
}

describe('housekeeping', () => {
  it('deletes sessions past their retention and stale counters, keeping history and live rows', async () => {
    // More dead rows than one batch, with rows that must stay at both ends of the walk.
    await addSessions('dead', 12_345, 8 * 24);
    await addSessions('recently-expired', 20, 6 * 24);
    await addSessions('live', 20, -24);
    await addSessions('grant-view', 1, 30 * 24);
    await addSessions('grant-actor', 1, 30 * 24);
    await addGrantPointingAt('grant-view', 'grant-actor');
    await addCounters('stale:', 11_000, 49);
    await addCounters('recent:', 30, 47);
    const history = async () => ({
      impersonations: await database.prisma.impersonation.count(),
      auditEvents: await database.prisma.auditEvent.count(),
    });
    const before = await history();

    const outcome = await runHousekeepingPass(database.prisma, settings, now);

    expect(outcome).toEqual({
      sessions: 12_345,
      rateLimitCounters: 11_000,
      looks: 0,
      sentMails: 0,
      busy: false,
    });
    expect(await sessionsOf('dead')).toBe(0);
    expect(await sessionsOf('recently-expired')).toBe(20);
    expect(await sessionsOf('live')).toBe(20);
    expect(await sessionsOf('grant-view')).toBe(1);
    expect(await sessionsOf('grant-actor')).toBe(1);
    expect(await countersOf('stale:')).toBe(0);
    expect(await countersOf('recent:')).toBe(30);
    expect(await history()).toEqual(before);
    expect(
      await database.prisma.impersonation.count({ where: { sessionId: { not: null } } }),
    ).toBeGreaterThan(0);

    // Nothing left to do: a second pass deletes nothing.
    expect(await runHousekeepingPass(database.prisma, settings, now)).toEqual({
      sessions: 0,
      rateLimitCounters: 0,
      looks: 0,
      sentMails: 0,
      busy: false,
    });
  });

  it('deletes the records of what views looked at once past their retention, and only those', async () => {
    await addSessions('looking-view', 1, 30 * 24);
    await addSessions('looking-actor', 1, 30 * 24);
    await addGrantPointingAt('looking-view', 'looking-actor');
    const view = await database.prisma.impersonation.findFirstOrThrow({
      where: { session: { clientId: 'looking-view' } },
      select: { id: true },
    });
    const addLooks = async (what: string, count: number, daysAgo: number) => {
      await database.prisma.$executeRaw`
        INSERT INTO "LookRecord" ("impersonationId", "targetCoworkerId", "occurredAt", "what",
                                  "outcome")
        SELECT ${view.id}::uuid, 1, ${hoursAgo(daysAgo * 24)}, ${what}, 'OK'
        FROM generate_series(1, ${count}::int)`;
    };
    const looksOf = (what: string) => database.prisma.lookRecord.count({ where: { what } });
    // More old rows than one batch, and rows just inside the retention.
    await addLooks('profiles.list', 5_432, 31);
    await addLooks('teams.mine', 10, 29);
    const grants = await database.prisma.impersonation.count();

    const outcome = await runHousekeepingPass(database.prisma, settings, now);

    expect(outcome).toMatchObject({ looks: 5_432, busy: false });
    expect(await looksOf('profiles.list')).toBe(0);
    expect(await looksOf('teams.mine')).toBe(10);
    expect(await database.prisma.impersonation.count()).toBe(grants);
    // A longer retention keeps what a shorter one would delete.
    await addLooks('profiles.list', 3, 31);
    const yearLong = { ...settings, lookRetentionDays: 365 };
    expect((await runHousekeepingPass(database.prisma, yearLong, now)).looks).toBe(0);
    expect(await looksOf('profiles.list')).toBe(3);
  });

  it('deletes the copies of mails sent before their retention, never a mail still to send', async () => {
    const addMails = async (label: string, count: number, sentDaysAgo: number | null) => {
      const sentAt = sentDaysAgo === null ? null : hoursAgo(sentDaysAgo * 24);
      await database.prisma.$executeRaw`
        INSERT INTO "OutboxEmail" ("messageId", "to", "subject", "html", "text", "sentAt",
                                   "createdAt", "nextAttemptAt")
        SELECT '<' || ${label} || '.' || n || '@test>', 'bob@example.com', ${label}, '', '',
               ${sentAt}, ${hoursAgo(60 * 24)}, ${hoursAgo(60 * 24)}
        FROM generate_series(1, ${count}::int) AS n`;
    };
    const mailsOf = (label: string) =>
      database.prisma.outboxEmail.count({ where: { subject: label } });
    // More old copies than one batch, copies just inside the retention, and a mail that has
    // waited 60 days for an SMTP server.
    await addMails('sent-long-ago', 5_100, 8);
    await addMails('sent-recently', 12, 6);
    await addMails('never-sent', 3, null);

    const outcome = await runHousekeepingPass(database.prisma, settings, now);

    expect(outcome).toMatchObject({ sentMails: 5_100, busy: false });
    expect(await mailsOf('sent-long-ago')).toBe(0);
    expect(await mailsOf('sent-recently')).toBe(12);
    expect(await mailsOf('never-sent')).toBe(3);
    const immediately = { ...settings, sentMailRetentionDays: 0 };
    expect((await runHousekeepingPass(database.prisma, immediately, now)).sentMails).toBe(12);
    expect(await mailsOf('never-sent')).toBe(3);
  });

  it('leaves the work to the instance holding the lock', async () => {
    await addSessions('locked-out', 10, 30 * 24);
    // Another instance's pass under way: a transaction holding the lock until released.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding: Promise<void> = Promise.resolve();
    await new Promise<void>((locked) => {
      holding = database.prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${HOUSEKEEPING_LOCK})`;
          locked();
          await released;
        },
        { timeout: 60_000 },
      );
    });
    try {
      expect(await runHousekeepingPass(database.prisma, settings, now)).toEqual({
        sessions: 0,
        rateLimitCounters: 0,
        looks: 0,
        sentMails: 0,
        busy: true,
      });
      expect(await sessionsOf('locked-out')).toBe(10);
    } finally {
      release();
      await holding;
    }
    expect((await runHousekeepingPass(database.prisma, settings, now)).sessions).toBe(10);
  });

  it('runs on its own schedule until stopped, and not at all with an interval of 0', async () => {
    await addSessions('scheduled', 5, 30 * 24);
    const off = scheduleHousekeeping(async () => database.prisma, {
      ...settings,
      intervalMinutes: 0,
    });
    await delay(200);
    await off.stop();
    expect(await sessionsOf('scheduled')).toBe(5);

    // A few milliseconds between passes, so the test need not wait minutes.
    const every3ms = { ...settings, intervalMinutes: 0.00005 };
    const housekeeper = scheduleHousekeeping(async () => database.prisma, every3ms);
    const deadline = Date.now() + 10_000;
    while ((await sessionsOf('scheduled')) > 0 && Date.now() < deadline) await delay(50);
    await housekeeper.stop();
    expect(await sessionsOf('scheduled')).toBe(0);
  });
});
