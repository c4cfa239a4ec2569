import { type PrismaClient } from '@hotdesk/db';

/** Every demo and generated login uses it (DESIGN.md). */
export const DEMO_PASSWORD = 'hotdesk-demo';

/** `none`: the first page with no search term, what the customers page opens on. */
export type SearchKind = 'prefix' | 'substring' | 'email' | 'none';

export interface Fixtures {
  /** Operators (OPERATOR of every location) that start the impersonations, one per few workers. */
  operatorEmails: string[];
  /** Active, non-staff coworkers to impersonate. */
  targetIds: number[];
  /** Generated members with a login, for the password grants. */
  memberEmails: string[];
  /** What an operator types in the customer search, by kind. */
  searchTerms: Record<SearchKind, string[]>;
  /** The location the filtered search cases pick in the location switcher. */
  searchLocationId: number;
  /** Generated teams of three or more, for the team filter. */
  searchTeamIds: number[];
}

/**
 * Adds `operators` operators to the bench database (password as the demo accounts'), so the
 * grants come from several people, as in production, rather than one operator's counter row.
 */
async function addOperators(prisma: PrismaClient, operators: number): Promise<string[]> {
  const rows = await prisma.$queryRaw<Array<{ email: string }>>`
    WITH new_users AS (
      INSERT INTO "User" (email, "fullName", "passwordHash", active, "updatedAt")
      SELECT 'bench-operator-' || n || '@hotdesk.test', 'Bench Operator ' || n,
             (SELECT "passwordHash" FROM "User" WHERE email = 'owner@hotdesk.test'), true, now()
      FROM generate_series(1, ${operators}::int) AS n
      RETURNING id, email
    ), roles AS (
      INSERT INTO "OperatorRole" ("userId", "locationId", role)
      SELECT id, NULL, 'OPERATOR' FROM new_users
    )
    SELECT email::text FROM new_users ORDER BY id`;
  return rows.map((row) => row.email);
}

export async function prepareFixtures(
  prisma: PrismaClient,
  { operators, sample }: { operators: number; sample: number },
): Promise<Fixtures> {
  const operatorEmails = await addOperators(prisma, operators);
  const targets = await prisma.$queryRaw<Array<{ id: number }>>`
    SELECT c.id FROM "Coworker" c
    WHERE c.active
      AND NOT EXISTS (SELECT 1 FROM "OperatorRole" r WHERE r."userId" = c."userId")
    ORDER BY random() LIMIT ${sample}::int`;
  const members = await prisma.$queryRaw<Array<{ email: string }>>`
    SELECT u.email::text FROM "User" u
    WHERE u.active AND u."passwordHash" IS NOT NULL AND u."totpSecret" IS NULL
      AND NOT u."mustResetPassword" AND u.email NOT LIKE '%hotdesk.test'
    ORDER BY random() LIMIT ${sample}::int`;
  const people = await prisma.$queryRaw<Array<{ fullName: string; email: string }>>`
    SELECT "fullName", email FROM "Coworker" WHERE email IS NOT NULL
    ORDER BY random() LIMIT 40`;
  const [location] = await prisma.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "Location" WHERE "webAddress" = 'downtown'`;
  const teams = await prisma.$queryRaw<Array<{ id: number }>>`
    SELECT "teamId" AS id FROM "TeamMember" GROUP BY "teamId" HAVING count(*) >= 3
    ORDER BY random() LIMIT 40`;
  const unique = (values: string[]) => [...new Set(values.filter((value) => value.length >= 3))];
  return {
    operatorEmails,
    targetIds: targets.map((row) => row.id),
    memberEmails: members.map((row) => row.email),
    searchTerms: {
      // The first letters of a first name, as typed into the search box.
      prefix: unique(people.map((p) => p.fullName.slice(0, 3))),
      // A piece from inside the last name.
      substring: unique(people.map((p) => (p.fullName.split(' ').at(-1) ?? '').slice(1, 5))),
      email: unique(people.map((p) => p.email)),
      none: [''],
    },
    searchLocationId: location?.id ?? 1,
    searchTeamIds: teams.map((team) => team.id),
  };
}

/** A member bearer from the REST contract's password grant. */
export async function signInBearer(portalUrl: string, email: string): Promise<string> {
  const response = await fetch(`${portalUrl}/api/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: email, password: DEMO_PASSWORD }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || !body.access_token) {
    throw new Error(`sign-in of ${email} failed: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

/** The admin app's session cookie, from its `session.signIn` tRPC mutation. */
export async function signInAdminCookie(adminUrl: string, email: string): Promise<string> {
  const response = await fetch(`${adminUrl}/api/trpc/session.signIn`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: adminUrl },
    body: JSON.stringify({ json: { email, password: DEMO_PASSWORD } }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => /^(__Host-)?hotdesk_admin_session=./.test(pair));
  if (response.status !== 200 || !cookie) {
    throw new Error(
      `admin sign-in of ${email} failed: ${response.status} ${await response.text()}`,
    );
  }
  return cookie;
}

/**
 * Members who can sign in with the demo password and have the most bookings (the bulk seed's
 * frequent members, with hundreds of bookings and invoices), for the list pages.
 */
export async function membersWithLongLists(
  prisma: PrismaClient,
  count: number,
): Promise<Array<{ email: string; bookings: number; invoices: number }>> {
  return prisma.$queryRaw<Array<{ email: string; bookings: number; invoices: number }>>`
    SELECT u.email::text, b.n AS bookings,
           (SELECT count(*)::int FROM "Invoice" i WHERE i."coworkerId" = c.id) AS invoices
    FROM (SELECT "coworkerId", count(*)::int AS n FROM "Booking"
          GROUP BY "coworkerId" ORDER BY n DESC LIMIT ${count * 4}::int) b
    JOIN "Coworker" c ON c.id = b."coworkerId"
    JOIN "User" u ON u.id = c."userId"
    WHERE u.active AND c.active AND u."passwordHash" IS NOT NULL AND u."totpSecret" IS NULL
      AND NOT u."mustResetPassword"
      AND (SELECT count(*) FROM "Coworker" other WHERE other."userId" = u.id) = 1
    ORDER BY b.n DESC LIMIT ${count}::int`;
}
