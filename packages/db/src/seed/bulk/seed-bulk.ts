import { hashPassword } from '@hotdesk/auth';
import pg from 'pg';
import { DEMO_PASSWORD } from '../demo-data';
import { prepareCatalogue, readLocations, type BulkLocation } from './bulk-catalogue';
import { createRandom, generateBatch, type BulkBatch } from './generate-coworkers';
import { insertBookings, insertInvoices, insertMemberDetails } from './insert-member-content';
import { EXPECTED_BOOKINGS_PER_MEMBER, planMemberContent } from './plan-member-content';

export interface BulkSeedProgress {
  done: number;
  total: number;
  /** Rows of every table written so far, coworkers and their content. */
  rows: number;
  elapsedMs: number;
}

export interface BulkSeedOptions {
  count: number;
  batchSize?: number;
  onProgress?: (progress: BulkSeedProgress) => void;
  /** The run's clock: bookings and invoices are placed around its day. */
  now?: Date;
  /**
   * Also what members have: bookings, invoices, memberships, cards, PINs, visits (default). Off,
   * only coworkers and teams: a customer search at a million coworkers needs no more.
   */
  memberContent?: boolean;
}

export interface BulkSeedResult {
  coworkers: number;
  users: number;
  inactive: number;
  teams: number;
  teamMembers: number;
  resources: number;
  bookings: number;
  cancelledBookings: number;
  invoices: number;
  invoiceLines: number;
  memberships: number;
  paymentMethods: number;
  doorAccesses: number;
  visits: number;
  /** Every row written, in every table. */
  rows: number;
  elapsedMs: number;
}

/**
 * Adds `count` generated coworkers (about half with a login, password `hotdesk-demo`) spread
 * over every location, with company teams of 2–15, and what each comes to the portal for:
 * about ten bookings (past, upcoming, a few cancelled) on new floors of resources, ten invoices
 * of one to three lines, a membership, most a card, a door PIN and a few visits; half a percent
 * of those with a login book and are invoiced weekly, with hundreds of rows.
 *
 * Raw SQL over one connection, each batch a few set-based statements in one transaction: a
 * stopped run keeps its whole batches, and a second run adds as many again. 100k coworkers
 * take minutes, not the hours of row-by-row ORM calls. Works on the embedded database too (no
 * COPY, which its wire server does not support).
 */
export async function seedBulkCoworkers(
  url: string,
  { count, batchSize = 5_000, onProgress, now = new Date(), memberContent = true }: BulkSeedOptions,
): Promise<BulkSeedResult> {
  if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
  const started = Date.now();
  // One hash shared by every generated login: scrypt per row would take an hour.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const firstNumber = await nextFreeNumber(client);
    const random = createRandom(firstNumber);
    const contentRandom = createRandom(firstNumber ^ 0x5eed);
    const places = await readLocations(client, now);
    const locationIds = places.map((location) => location.id);
    const catalogue = memberContent
      ? await prepareCatalogue(client, places, count * EXPECTED_BOOKINGS_PER_MEMBER)
      : null;
    const resources = catalogue?.resources ?? 0;
    const result: BulkSeedResult = { ...emptyCounts(), resources, rows: resources, elapsedMs: 0 };
    let invoiceNumber = await nextInvoiceNumber(client);
    for (let done = 0; done < count;) {
      const size = Math.min(batchSize, count - done);
      const batch = generateBatch(random, firstNumber + done, size, locationIds);
      const counts = emptyCounts();
      await client.query('BEGIN');
      try {
        const coworkers = await insertBatch(client, batch, passwordHash, counts);
        if (catalogue) {
          const run = { random: contentRandom, locations: catalogue.locations, invoiceNumber, now };
          Object.assign(counts, await insertMemberContent(client, coworkers, run));
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      invoiceNumber += counts.invoices;
      addCounts(result, counts);
      done += size;
      onProgress?.({ done, total: count, rows: result.rows, elapsedMs: Date.now() - started });
    }
    result.elapsedMs = Date.now() - started;
    return result;
  } finally {
    await client.end();
  }
}

type BatchCounts = Omit<BulkSeedResult, 'resources' | 'rows' | 'elapsedMs'>;

function emptyCounts(): BatchCounts {
  return {
    coworkers: 0,
    users: 0,
    inactive: 0,
    teams: 0,
    teamMembers: 0,
    bookings: 0,
    cancelledBookings: 0,
    invoices: 0,
    invoiceLines: 0,
    memberships: 0,
    paymentMethods: 0,
    doorAccesses: 0,
    visits: 0,
  };
}

/** Counts that are rows of a table of their own (not `inactive` or `cancelledBookings`). */
const ROW_COUNTS = [
  'coworkers',
  'users',
  'teams',
  'teamMembers',
  'bookings',
  'invoices',
  'invoiceLines',
  'memberships',
  'paymentMethods',
  'doorAccesses',
  'visits',
] as const satisfies ReadonlyArray<keyof BatchCounts>;

function addCounts(result: BulkSeedResult, counts: BatchCounts): void {
  for (const key of Object.keys(counts) as Array<keyof BatchCounts>) result[key] += counts[key];
  for (const key of ROW_COUNTS) result.rows += counts[key];
}

/**
 * Numbers in e-mails continue from the coworker id sequence, which only grows (rolled back
 * batches included), so a second run never reuses the first run's addresses.
 */
async function nextFreeNumber(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ next: string }>(
    `SELECT (CASE WHEN is_called THEN last_value ELSE 0 END) + 1 AS next FROM "Coworker_id_seq"`,
  );
  return Number(rows[0]?.next ?? 1);
}

/** Generated invoice numbers continue after the highest `INV-<digits>` there is. */
async function nextInvoiceNumber(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ next: string }>(
    `SELECT coalesce(max(substring(number FROM '^INV-([0-9]+)$')::bigint), 0) + 1 AS next
     FROM "Invoice"`,
  );
  return Number(rows[0]?.next ?? 1);
}

/** What a batch's new members have, in the caller's transaction. */
async function insertMemberContent(
  client: pg.Client,
  coworkers: InsertedCoworker[],
  run: { random: () => number; locations: BulkLocation[]; invoiceNumber: number; now: Date },
) {
  const planIds = new Map(run.locations.map((location) => [location.id, location.planIds]));
  const content = planMemberContent(run.random, coworkers, planIds);
  return {
    ...(await insertBookings(client, content, run.locations, run.now)),
    ...(await insertInvoices(client, content, run.locations, run.invoiceNumber, run.now)),
    ...(await insertMemberDetails(client, content, run.locations, run.now)),
  };
}

interface InsertedCoworker {
  id: number;
  userId: number | null;
  locationId: number;
  active: boolean;
}

async function insertBatch(
  client: pg.Client,
  { coworkers, teams }: BulkBatch,
  passwordHash: string,
  counts: BatchCounts,
): Promise<InsertedCoworker[]> {
  const inserted = await client.query<InsertedCoworker & { email: string }>(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::"CoworkerType"[],
                            $5::int[], $6::bool[], $7::bool[])
         WITH ORDINALITY AS t(full_name, email, company_name, type, location_id, active,
                              has_login, ord)
     ),
     new_users AS (
       INSERT INTO "User" (email, "fullName", "passwordHash", active, "updatedAt")
       SELECT email, full_name, $8, active, now() FROM input WHERE has_login ORDER BY ord
       ON CONFLICT (email) DO NOTHING
       RETURNING id, email
     )
     INSERT INTO "Coworker"
       ("locationId", "userId", "fullName", email, "companyName", type, active, "updatedAt")
     SELECT i.location_id, u.id, i.full_name, i.email, i.company_name, i.type, i.active, now()
     FROM input i LEFT JOIN new_users u ON u.email = i.email
     ORDER BY i.ord
     RETURNING id, email, "userId", "locationId", active`,
    [
      coworkers.map((c) => c.fullName),
      coworkers.map((c) => c.email),
      coworkers.map((c) => c.companyName),
      coworkers.map((c) => c.type),
      coworkers.map((c) => c.locationId),
      coworkers.map((c) => c.active),
      coworkers.map((c) => c.hasLogin),
      passwordHash,
    ],
  );
  const coworkerIds = new Map(inserted.rows.map((row) => [row.email, row.id]));
  counts.coworkers += inserted.rowCount ?? 0;
  counts.users += inserted.rows.filter((row) => row.userId !== null).length;
  counts.inactive += coworkers.filter((c) => !c.active).length;
  if (teams.length === 0) return inserted.rows;

  const insertedTeams = await client.query<{ id: number; name: string }>(
    `INSERT INTO "Team" ("locationId", name)
     SELECT * FROM unnest($1::int[], $2::text[])
     RETURNING id, name`,
    [teams.map((t) => t.locationId), teams.map((t) => t.name)],
  );
  const teamIdsByName = new Map(insertedTeams.rows.map((row) => [row.name, row.id]));
  const teamIds = teams.map((team) => teamIdsByName.get(team.name));
  const members = coworkers.filter((c) => c.team !== null);
  await client.query(
    `INSERT INTO "TeamMember" ("teamId", "coworkerId", "isAdministrator", "updatedAt")
     SELECT *, now() FROM unnest($1::int[], $2::int[], $3::bool[])`,
    [
      members.map((c) => teamIds[c.team ?? -1]),
      members.map((c) => coworkerIds.get(c.email)),
      members.map((c) => c.isAdministrator),
    ],
  );
  counts.teams += insertedTeams.rowCount ?? 0;
  counts.teamMembers += members.length;
  return inserted.rows;
}
