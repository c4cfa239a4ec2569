import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../migrations/postgres-server';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { seedBulkCoworkers, type BulkSeedProgress } from './seed-bulk';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ seed: true });
});
afterAll(() => db?.drop());

async function one<T>(sql: string): Promise<T> {
  return withDatabase(db.url, async (client) => (await client.query(sql)).rows[0] as T);
}

describe('seedBulkCoworkers', () => {
  it('adds realistic coworkers, logins and teams, and adds more on a second run', async () => {
    const progress: BulkSeedProgress[] = [];
    const first = await seedBulkCoworkers(db.url, {
      count: 2_000,
      batchSize: 700,
      onProgress: (p) => progress.push(p),
    });

    expect(first.coworkers).toBe(2_000);
    expect(progress.map((p) => p.done)).toEqual([700, 1_400, 2_000]);
    expect(first.users / first.coworkers).toBeGreaterThan(0.4);
    expect(first.users / first.coworkers).toBeLessThan(0.6);
    expect(first.inactive).toBeGreaterThan(0);
    expect(first.teams).toBeGreaterThan(10);

    const second = await seedBulkCoworkers(db.url, { count: 2_000 });
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

  it('refuses a count that is not a positive integer', async () => {
    await expect(seedBulkCoworkers(db.url, { count: 0 })).rejects.toThrow(/positive integer/);
  });
});
