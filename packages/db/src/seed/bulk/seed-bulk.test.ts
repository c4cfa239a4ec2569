import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../migrations/postgres-server';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { seedBulkCoworkers, type BulkSeedProgress, type BulkSeedResult } from './seed-bulk';

let db: TestDatabase;
let first: BulkSeedResult;
let second: BulkSeedResult;
const progress: BulkSeedProgress[] = [];
beforeAll(async () => {
  db = await createTestDatabase({ seed: true });
  first = await seedBulkCoworkers(db.url, {
    count: 2_000,
    batchSize: 700,
    onProgress: (p) => progress.push(p),
  });
  second = await seedBulkCoworkers(db.url, { count: 2_000 });
});
afterAll(() => db?.drop());

/** Generated coworkers: their addresses carry their number, the demo members' do not. */
const generated = `c.email ~ '\\.[0-9]+@'`;

async function one<T>(sql: string): Promise<T> {
  return withDatabase(db.url, async (client) => (await client.query(sql)).rows[0] as T);
}

describe('seedBulkCoworkers', () => {
  it('adds realistic coworkers, logins and teams, and adds more on a second run', async () => {
    expect(first.coworkers).toBe(2_000);
    expect(progress.map((p) => p.done)).toEqual([700, 1_400, 2_000]);
    expect(progress.at(-1)?.rows).toBe(first.rows);
    expect(first.users / first.coworkers).toBeGreaterThan(0.4);
    expect(first.users / first.coworkers).toBeLessThan(0.6);
    expect(first.inactive).toBeGreaterThan(0);
    expect(first.teams).toBeGreaterThan(10);
    expect(second.coworkers).toBe(2_000);

    const totals = await one<{ coworkers: number; emails: number; logins: number }>(
      `SELECT count(*)::int AS coworkers, count(DISTINCT lower(email))::int AS emails,
              count("userId")::int AS logins
       FROM "Coworker"`,
    );
    // 8 demo profiles, carol's two sharing one address.
    expect(totals.coworkers).toBe(8 + 4_000);
    expect(totals.emails).toBe(7 + 4_000);
    expect(totals.logins).toBe(8 + first.users + second.users);
  });

  it('links each login to the coworker with the same address and the same activity', async () => {
    const mismatched = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Coworker" c JOIN "User" u ON u.id = c."userId"
       WHERE u.email <> c.email OR u.active <> c.active`,
    );
    expect(mismatched.n).toBe(0);
  });

  it('spreads coworkers over both locations', async () => {
    const perLocation = await withDatabase(db.url, async (client) => {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Coworker" GROUP BY "locationId"`,
      );
      return rows.map((row) => row.n);
    });
    expect(perLocation).toHaveLength(2);
    expect(Math.min(...perLocation)).toBeGreaterThan(1_500);
  });

  it('builds teams of 2 to 15 members of one company and location, each with an administrator', async () => {
    const teams = await withDatabase(db.url, async (client) => {
      const { rows } = await client.query<{
        size: number;
        admins: number;
        companies: number;
        foreign: number;
      }>(
        `SELECT count(*)::int AS size,
                count(*) FILTER (WHERE m."isAdministrator")::int AS admins,
                count(DISTINCT c."companyName")::int AS companies,
                count(*) FILTER (WHERE c."locationId" <> t."locationId")::int AS foreign
         FROM "Team" t JOIN "TeamMember" m ON m."teamId" = t.id
         JOIN "Coworker" c ON c.id = m."coworkerId"
         WHERE t.name NOT IN ('Acme', 'Rivet')
         GROUP BY t.id`,
      );
      return rows;
    });
    expect(teams.length).toBeGreaterThan(20);
    for (const team of teams) {
      expect(team.size).toBeGreaterThanOrEqual(2);
      expect(team.size).toBeLessThanOrEqual(15);
      expect(team.admins).toBeGreaterThanOrEqual(1);
      expect(team.companies).toBe(1);
      expect(team.foreign).toBe(0);
    }
  });

  it('gives every generated member a membership, a door PIN, most a card, and a few visits', async () => {
    const members = await one<{
      n: number;
      memberships: number;
      pins: number;
      cards: number;
      visitors: number;
      endedForInactive: number;
      inactive: number;
    }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Membership" m
                                             WHERE m."coworkerId" = c.id))::int AS memberships,
              count(d."coworkerId")::int AS pins, count(p."coworkerId")::int AS cards,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Visit" v
                                             WHERE v."coworkerId" = c.id))::int AS visitors,
              count(*) FILTER (WHERE NOT c.active AND EXISTS (
                SELECT 1 FROM "Membership" m WHERE m."coworkerId" = c.id
                  AND m."endedOn" IS NOT NULL))::int AS "endedForInactive",
              count(*) FILTER (WHERE NOT c.active)::int AS inactive
       FROM "Coworker" c
       LEFT JOIN "DoorAccess" d ON d."coworkerId" = c.id
       LEFT JOIN "PaymentMethod" p ON p."coworkerId" = c.id
       WHERE ${generated}`,
    );
    expect(members.n).toBe(4_000);
    expect(members.memberships).toBe(4_000);
    expect(members.pins).toBe(4_000);
    expect(members.cards / members.n).toBeGreaterThan(0.75);
    expect(members.cards / members.n).toBeLessThan(0.95);
    expect(members.visitors / members.n).toBeGreaterThan(0.6);
    expect(members.endedForInactive).toBe(members.inactive);
    expect(first.memberships + second.memberships).toBe(4_000);
  });

  it('books past, upcoming and a few cancelled slots on weekdays, 08:00–20:00 local time', async () => {
    const bookings = await one<{
      n: number;
      upcoming: number;
      cancelled: number;
      outside: number;
      members: number;
    }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE b."startsAt" > now() AT TIME ZONE 'UTC')::int AS upcoming,
              count(*) FILTER (WHERE b."cancelledAt" IS NOT NULL)::int AS cancelled,
              count(*) FILTER (WHERE extract(isodow FROM local.starts) > 5
                                  OR local.starts::time < '08:00'
                                  OR local.ends::time > '20:00'
                                  OR local.ends::date <> local.starts::date)::int AS outside,
              count(DISTINCT b."coworkerId")::int AS members
       FROM "Booking" b
       JOIN "Resource" r ON r.id = b."resourceId"
       JOIN "Location" l ON l.id = r."locationId"
       CROSS JOIN LATERAL (
         SELECT b."startsAt" AT TIME ZONE 'UTC' AT TIME ZONE l."timeZone" AS starts,
                b."endsAt" AT TIME ZONE 'UTC' AT TIME ZONE l."timeZone" AS ends
       ) local
       WHERE r.name LIKE 'Floor %'`,
    );
    expect(bookings.n).toBe(first.bookings + second.bookings);
    expect(bookings.n / 4_000).toBeGreaterThan(9);
    expect(bookings.members).toBe(4_000);
    expect(bookings.upcoming / bookings.n).toBeGreaterThan(0.1);
    expect(bookings.upcoming / bookings.n).toBeLessThan(0.35);
    expect(bookings.cancelled / bookings.n).toBeGreaterThan(0.02);
    expect(bookings.cancelled / bookings.n).toBeLessThan(0.1);
    expect(bookings.cancelled).toBe(first.cancelledBookings + second.cancelledBookings);
    expect(bookings.outside).toBe(0);
  });

  it('never books one resource twice at once, cancelled bookings included', async () => {
    // The exclusion constraint only covers live bookings; the seed's cells cover all of them.
    const overlapping = await one<{ n: number }>(
      `SELECT count(*)::int AS n
       FROM "Booking" a JOIN "Booking" b
         ON b."resourceId" = a."resourceId" AND b.id > a.id
        AND b."startsAt" < a."endsAt" AND a."startsAt" < b."endsAt"
       JOIN "Resource" r ON r.id = a."resourceId"
       WHERE r.name LIKE 'Floor %'`,
    );
    expect(overlapping.n).toBe(0);
  });

  it('adds a floor of 50 hot desks, 20 meeting rooms and 10 offices per location and run', async () => {
    const floors = await withDatabase(db.url, async (client) => {
      const { rows } = await client.query<{ floor: string; kinds: string }>(
        `SELECT "locationId" || ' ' || substring(name FROM '^(Floor [0-9]+) ') AS floor,
                string_agg(kind || '=' || n, ' ' ORDER BY kind) AS kinds
         FROM (SELECT "locationId", name, kind, count(*) OVER (
                 PARTITION BY "locationId", substring(name FROM '^(Floor [0-9]+) '), kind) AS n
               FROM "Resource" WHERE name LIKE 'Floor %') r
         GROUP BY 1`,
      );
      return rows;
    });
    expect(floors).toHaveLength(4);
    expect(first.resources + second.resources).toBe(4 * 80);
    for (const floor of floors) {
      expect(floor.kinds).toMatch(/HOT_DESK=50\b.*MEETING_ROOM=20\b.*PRIVATE_OFFICE=10\b/);
    }
  });

  it('numbers invoices uniquely after the demo ones, each totalling its one to three lines', async () => {
    const invoices = await one<{
      n: number;
      numbers: number;
      lowest: string;
      malformed: number;
      wrongTotals: number;
      lineCounts: number[];
      paid: number;
    }>(
      `SELECT count(*)::int AS n, count(DISTINCT i.number)::int AS numbers,
              min(i.number) AS lowest,
              count(*) FILTER (WHERE i.number !~ '^INV-[0-9]{7}$')::int AS malformed,
              count(*) FILTER (WHERE i."totalMinor" <> lines.total)::int AS "wrongTotals",
              array_agg(DISTINCT lines.n ORDER BY lines.n) AS "lineCounts",
              count(i."paidAt")::int AS paid
       FROM "Invoice" i
       JOIN "Coworker" c ON c.id = i."coworkerId"
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS n, sum("amountMinor")::int AS total
         FROM "InvoiceLine" WHERE "invoiceId" = i.id
       ) lines
       WHERE ${generated}`,
    );
    expect(invoices.n).toBe(first.invoices + second.invoices);
    expect(invoices.n / 4_000).toBeGreaterThan(9);
    expect(invoices.numbers).toBe(invoices.n);
    // Above the demo's INV-0042, and never one of its four-digit numbers.
    expect(invoices.lowest).toBe('INV-0000043');
    expect(invoices.malformed).toBe(0);
    expect(invoices.wrongTotals).toBe(0);
    expect(invoices.lineCounts).toEqual([1, 2, 3]);
    expect(invoices.paid / invoices.n).toBeGreaterThan(0.8);
    expect(invoices.paid).toBeLessThan(invoices.n);
  });

  it('has frequent members with a login and hundreds of bookings and invoices, in every run', async () => {
    const frequent = await one<{ n: number; withoutLogin: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE c."userId" IS NULL)::int AS "withoutLogin"
       FROM "Coworker" c
       WHERE (SELECT count(*) FROM "Booking" b WHERE b."coworkerId" = c.id) >= 200
         AND (SELECT count(*) FROM "Invoice" i WHERE i."coworkerId" = c.id) >= 100`,
    );
    expect(frequent.n).toBeGreaterThanOrEqual(2);
    expect(frequent.withoutLogin).toBe(0);
  });

  it('refuses a count that is not a positive integer', async () => {
    await expect(seedBulkCoworkers(db.url, { count: 0 })).rejects.toThrow(/positive integer/);
  });
});
