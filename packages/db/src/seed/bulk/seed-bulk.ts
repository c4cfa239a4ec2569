import { hashPassword } from '@hotdesk/auth';
import pg from 'pg';
import { DEMO_PASSWORD } from '../demo-data';
import { createRandom, generateBatch, type BulkBatch } from './generate-coworkers';

export interface BulkSeedProgress {
  done: number;
  total: number;
  elapsedMs: number;
}

export interface BulkSeedOptions {
  count: number;
  batchSize?: number;
  onProgress?: (progress: BulkSeedProgress) => void;
}

export interface BulkSeedResult {
  coworkers: number;
  users: number;
  inactive: number;
  teams: number;
  teamMembers: number;
  elapsedMs: number;
}

/**
 * Adds `count` generated coworkers (about half with a login, password `hotdesk-demo`) spread
 * over every location, with company teams of 2–15. Raw SQL over one connection, each batch a
 * few set-based statements: 100k rows take seconds, not the minutes of row-by-row ORM calls.
 * Works on the embedded database too (no COPY, which its wire server does not support).
 */
export async function seedBulkCoworkers(
  url: string,
  { count, batchSize = 5_000, onProgress }: BulkSeedOptions,
): Promise<BulkSeedResult> {
  if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
  const started = Date.now();
  // One hash shared by every generated login: scrypt per row would take an hour.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const locationIds = await readLocationIds(client);
    const firstNumber = await nextFreeNumber(client);
    const random = createRandom(firstNumber);
    const result: BulkSeedResult = {
      coworkers: 0,
      users: 0,
      inactive: 0,
      teams: 0,
      teamMembers: 0,
      elapsedMs: 0,
    };
    for (let done = 0; done < count;) {
      const size = Math.min(batchSize, count - done);
      const batch = generateBatch(random, firstNumber + done, size, locationIds);
      await client.query('BEGIN');
      try {
        await insertBatch(client, batch, passwordHash, result);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      done += size;
      onProgress?.({ done, total: count, elapsedMs: Date.now() - started });
    }
    result.elapsedMs = Date.now() - started;
    return result;
  } finally {
    await client.end();
  }
}

async function readLocationIds(client: pg.Client): Promise<number[]> {
  const { rows } = await client.query<{ id: number }>('SELECT id FROM "Location" ORDER BY id');
  if (rows.length === 0) throw new Error('No locations yet: run the demo seed first');
  return rows.map((row) => row.id);
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

async function insertBatch(
  client: pg.Client,
  { coworkers, teams }: BulkBatch,
  passwordHash: string,
  result: BulkSeedResult,
): Promise<void> {
  const inserted = await client.query<{ id: number; email: string; has_user: boolean }>(
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
     RETURNING id, email, "userId" IS NOT NULL AS has_user`,
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
  result.coworkers += inserted.rowCount ?? 0;
  result.users += inserted.rows.filter((row) => row.has_user).length;
  result.inactive += coworkers.filter((c) => !c.active).length;
  if (teams.length === 0) return;

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
  result.teams += insertedTeams.rowCount ?? 0;
  result.teamMembers += members.length;
}
