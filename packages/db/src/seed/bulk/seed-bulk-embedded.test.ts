import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../client';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../embedded/embedded-database';
import { migrateDeploy } from '../../migrations/migrate';
import { withDatabase } from '../../migrations/postgres-server';
import { seedDemoData } from '../seed-demo';
import { seedBulkCoworkers } from './seed-bulk';

// `pnpm db:seed:bulk` without DATABASE_URL writes to the embedded database of `pnpm dev`.
describe('seedBulkCoworkers on the embedded database', () => {
  let database: EmbeddedDatabase;
  beforeAll(async () => {
    database = await startEmbeddedDatabase();
    await migrateDeploy(database.url);
    const prisma = createPrismaClient({ url: database.url, max: 1 });
    try {
      await seedDemoData(prisma);
    } finally {
      await prisma.$disconnect();
    }
  });
  afterAll(() => database?.stop());

  it('adds members with bookings at local times and invoices, twice', async () => {
    const first = await seedBulkCoworkers(database.url, { count: 200, batchSize: 120 });
    const second = await seedBulkCoworkers(database.url, { count: 100 });
    expect(first.coworkers + second.coworkers).toBe(300);
    expect(first.bookings + second.bookings).toBeGreaterThan(300 * 9);

    const counts = await withDatabase(database.url, async (client) => {
      const { rows } = await client.query<{ bookings: number; invoices: number; hours: string[] }>(
        `SELECT (SELECT count(*)::int FROM "Booking" b JOIN "Resource" r ON r.id = b."resourceId"
                 WHERE r.name LIKE 'Floor %') AS bookings,
                (SELECT count(DISTINCT number)::int FROM "Invoice"
                 WHERE number ~ '^INV-[0-9]{7}$') AS invoices,
                (SELECT array_agg(DISTINCT to_char(b."startsAt" AT TIME ZONE 'UTC'
                                                   AT TIME ZONE l."timeZone", 'HH24'))
                 FROM "Booking" b JOIN "Resource" r ON r.id = b."resourceId"
                 JOIN "Location" l ON l.id = r."locationId"
                 WHERE r.name LIKE 'Floor %') AS hours`,
      );
      return rows[0]!;
    });
    expect(counts.bookings).toBe(first.bookings + second.bookings);
    expect(counts.invoices).toBe(first.invoices + second.invoices);
    // Both locations' cells start on the hour from 08:00 to 19:00 on their own clocks.
    expect(counts.hours.map(Number).sort((a, b) => a - b)).toEqual([
      8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    ]);
  });

  it('adds only coworkers and teams when asked for no member content', async () => {
    const before = await bookingsAndInvoices(database.url);
    const result = await seedBulkCoworkers(database.url, { count: 50, memberContent: false });
    expect(result.coworkers).toBe(50);
    expect(result.bookings + result.invoices + result.memberships + result.resources).toBe(0);
    expect(await bookingsAndInvoices(database.url)).toEqual(before);
  });
});

function bookingsAndInvoices(url: string) {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query<{ bookings: number; invoices: number }>(
      `SELECT (SELECT count(*)::int FROM "Booking") AS bookings,
              (SELECT count(*)::int FROM "Invoice") AS invoices`,
    );
    return rows[0];
  });
}
