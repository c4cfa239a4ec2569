import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { generateTotpSecret, hashOpaqueToken, hashPassword } from '@hotdesk/auth';
import { createPrismaClient, DEMO_PASSWORD, type PrismaClient } from '@hotdesk/db';
import { expect, type Page } from '@playwright/test';
import { ADMIN_URL, DATABASE_URL_FILE, PORTAL_URL } from './system';

/**
 * The run's database, straight, for arranging what no screen can: data of a test's own, or the
 * passing of time. Results are always checked through the apps.
 */
export async function withSystemDatabase<T>(work: (db: PrismaClient) => Promise<T>): Promise<T> {
  const url = (await readFile(DATABASE_URL_FILE, 'utf8')).trim();
  const db = createPrismaClient({ url, max: 1 });
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

/**
 * `count` customers named "Pager <tag> NN" at a location of their own: searching for the tag
 * lists exactly them, whatever other tests add.
 */
export async function seedCustomers(count: number): Promise<{ tag: string }> {
  const tag = randomBytes(4).toString('hex');
  await withSystemDatabase(async (db) => {
    const location = await db.location.create({
      data: { name: `Pages ${tag}`, webAddress: `pages-${tag}` },
    });
    await db.coworker.createMany({
      data: Array.from({ length: count }, (_, index) => ({
        locationId: location.id,
        fullName: `Pager ${tag} ${String(index + 1).padStart(2, '0')}`,
      })),
    });
  });
  return { tag };
}

export interface SeededPerson {
  email: string;
  fullName: string;
}

export interface SeededTeam {
  name: string;
  location: string;
  administrator: SeededPerson;
  member: SeededPerson;
}

/**
 * A team of two — an administrator and a member, both signing in with the demo password — at a
 * location of its own, so a test may change their settings while other tests (and other
 * repetitions of itself) use the demo data: the demo locations' customer counts stay as they are.
 */
export async function seedTeamOfTwo(): Promise<SeededTeam> {
  const tag = randomBytes(4).toString('hex');
  const team: SeededTeam = {
    name: `Team ${tag}`,
    location: `Annex ${tag}`,
    administrator: { email: `team-admin-${tag}@example.com`, fullName: `Tess Lead ${tag}` },
    member: { email: `team-member-${tag}@example.com`, fullName: `Milo Member ${tag}` },
  };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withSystemDatabase((db) =>
    db.$transaction(async (tx) => {
      const location = await tx.location.create({
        data: { name: team.location, webAddress: `annex-${tag}` },
      });
      const { id: teamId } = await tx.team.create({
        data: { name: team.name, locationId: location.id },
      });
      for (const [person, isAdministrator] of [
        [team.administrator, true],
        [team.member, false],
      ] as const) {
        await tx.user.create({
          data: {
            email: person.email,
            fullName: person.fullName,
            passwordHash,
            coworkers: {
              create: {
                locationId: location.id,
                fullName: person.fullName,
                email: person.email,
                companyName: team.name,
                teamMemberships: { create: { teamId, isAdministrator } },
              },
            },
          },
        });
      }
    }),
  );
  return team;
}

export interface SeededAccount extends SeededPerson {
  /** The authenticator secret, when two-factor sign-in is on. */
  totpSecret: string | null;
}

/**
 * An operator (OPERATOR of a location of their own) who signs in with the demo password, for
 * a test that signs them out everywhere while other tests use the demo operators.
 */
export async function seedOperator(): Promise<SeededPerson> {
  const tag = randomBytes(4).toString('hex');
  const person = { email: `operator-${tag}@hotdesk.test`, fullName: `Oscar Op ${tag}` };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withSystemDatabase((db) =>
    db.user.create({
      data: {
        ...person,
        passwordHash,
        operatorRoles: {
          create: {
            role: 'OPERATOR',
            location: { create: { name: `Desk ${tag}`, webAddress: `desk-${tag}` } },
          },
        },
      },
    }),
  );
  return person;
}

/**
 * A login of a test's own at Downtown Hub, signing in with the demo password: a member (with a
 * customer profile there) or a VIEWER. With `twoFactor`, a fresh authenticator secret: a code is
 * accepted once, so tests that sign in with codes never share an account (and never race for
 * one code's time step).
 */
export async function seedAccount({
  name,
  kind = 'member',
  twoFactor = false,
}: {
  name: string;
  kind?: 'member' | 'viewer';
  twoFactor?: boolean;
}): Promise<SeededAccount> {
  const tag = randomBytes(4).toString('hex');
  const account: SeededAccount = {
    email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${tag}@example.com`,
    fullName: `${name} ${tag}`,
    totpSecret: twoFactor ? generateTotpSecret() : null,
  };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withSystemDatabase(async (db) => {
    const downtown = await db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } });
    await db.user.create({
      data: {
        email: account.email,
        fullName: account.fullName,
        passwordHash,
        totpSecret: account.totpSecret,
        ...(kind === 'member'
          ? {
              coworkers: {
                create: {
                  locationId: downtown.id,
                  fullName: account.fullName,
                  email: account.email,
                },
              },
            }
          : { operatorRoles: { create: { locationId: downtown.id, role: 'VIEWER' } } }),
      },
    });
  });
  return account;
}

/**
 * Makes this page's session of `app` look signed in an hour ago: past the few minutes in which a
 * sign-in still counts as a fresh password proof (HOTDESK_REAUTH_MINUTES), as if the person had
 * been at work a while. Other sessions of the same person are left alone.
 */
export async function letPasswordProofLapse(page: Page, app: 'admin' | 'portal'): Promise<void> {
  const url = app === 'admin' ? ADMIN_URL : PORTAL_URL;
  const cookies = await page.context().cookies(url);
  const session = cookies.find((cookie) => cookie.name.endsWith(`hotdesk_${app}_session`));
  expect(session, `the ${app} session cookie`).toBeTruthy();
  const { count } = await withSystemDatabase((db) =>
    db.session.updateMany({
      where: { accessTokenHash: hashOpaqueToken(session!.value), revokedAt: null },
      data: { reauthenticatedAt: new Date(Date.now() - 60 * 60_000) },
    }),
  );
  expect(count, `${app} sessions moved back`).toBe(1);
}
