import { hashPassword } from '@hotdesk/auth';
import { type Prisma, type PrismaClient } from '../generated/prisma/client';
import {
  DEMO_PASSWORD,
  demoAccounts,
  demoLocations,
  demoTeams,
  isDemoOperator,
  type DemoAccountKey,
  type DemoLocationKey,
  type DemoMember,
  type DemoOperator,
  type DemoTeamKey,
} from './demo-data';
import { demoMemberContent } from './demo-member-content';
import {
  seedLocationCatalogue,
  seedProfileContent,
  type LocationCatalogue,
} from './seed-member-content';

export interface DemoSeedResult {
  /** Rows inserted by this run; 0 when the demo data was already there. */
  created: number;
}

type Tx = Prisma.TransactionClient;

/**
 * Creates whatever part of the demo data is missing, keyed on natural keys (location web
 * address, team name, user email, a user's profile per location). Existing rows are left as
 * they are, so a second run changes nothing and a developer's edits survive `pnpm dev`
 * restarts; `pnpm db:reset` brings back the exact demo state.
 */
export async function seedDemoData(
  prisma: PrismaClient,
  now: Date = new Date(),
): Promise<DemoSeedResult> {
  // Hashed before the transaction (scrypt is slow on purpose), once only if someone needs it.
  let passwordHash: Promise<string> | undefined;
  const demoPasswordHash = () => (passwordHash ??= hashPassword(DEMO_PASSWORD));
  if ((await missingDemoUsers(prisma)) > 0) await demoPasswordHash();

  return prisma.$transaction(
    async (tx) => {
      const counter = { created: 0 };
      const locationIds = await seedLocations(tx, counter);
      const teamIds = await seedTeams(tx, locationIds, counter);
      const catalogues = {} as Record<DemoLocationKey, LocationCatalogue>;
      for (const [key, id] of Object.entries(locationIds) as [DemoLocationKey, number][]) {
        catalogues[key] = await seedLocationCatalogue(tx, { id, key }, counter);
      }
      for (const [accountKey, account] of Object.entries(demoAccounts) as [
        DemoAccountKey,
        DemoOperator | DemoMember,
      ][]) {
        const userId = await seedUser(tx, account, demoPasswordHash, counter);
        if (isDemoOperator(account)) {
          await seedOperatorRole(tx, userId, account, locationIds, counter);
          continue;
        }
        const profiles = await seedProfiles(tx, userId, account, locationIds, teamIds, counter);
        for (const [key, content] of Object.entries(demoMemberContent[accountKey] ?? {}) as [
          DemoLocationKey,
          NonNullable<(typeof demoMemberContent)[DemoAccountKey]>[DemoLocationKey],
        ][]) {
          if (!content) continue;
          const location = { id: locationIds[key], key };
          const coworkerId = profiles[key]!;
          const catalogue = catalogues[key];
          await seedProfileContent(
            tx,
            { coworkerId, userId, location, catalogue, content, now },
            counter,
          );
        }
      }
      return counter;
    },
    { timeout: 60_000 },
  );
}

async function missingDemoUsers(prisma: PrismaClient): Promise<number> {
  const emails = Object.values(demoAccounts).map((account) => account.email);
  const existing = await prisma.user.count({ where: { email: { in: emails } } });
  return emails.length - existing;
}

async function findOrCreate<T>(
  counter: DemoSeedResult,
  find: () => Promise<T | null>,
  create: () => Promise<T>,
): Promise<T> {
  const found = await find();
  if (found !== null) return found;
  counter.created++;
  return create();
}

async function seedLocations(tx: Tx, counter: DemoSeedResult) {
  const ids = {} as Record<DemoLocationKey, number>;
  for (const [key, location] of Object.entries(demoLocations) as [
    DemoLocationKey,
    (typeof demoLocations)[DemoLocationKey],
  ][]) {
    const row = await findOrCreate(
      counter,
      () => tx.location.findUnique({ where: { webAddress: location.webAddress } }),
      () => tx.location.create({ data: { ...location } }),
    );
    ids[key] = row.id;
  }
  return ids;
}

async function seedTeams(
  tx: Tx,
  locationIds: Record<DemoLocationKey, number>,
  counter: DemoSeedResult,
) {
  const ids = {} as Record<DemoTeamKey, number>;
  for (const [key, team] of Object.entries(demoTeams) as [
    DemoTeamKey,
    (typeof demoTeams)[DemoTeamKey],
  ][]) {
    const locationId = locationIds[team.location];
    const row = await findOrCreate(
      counter,
      () => tx.team.findUnique({ where: { locationId_name: { locationId, name: team.name } } }),
      () => tx.team.create({ data: { locationId, name: team.name } }),
    );
    ids[key] = row.id;
  }
  return ids;
}

async function seedUser(
  tx: Tx,
  account: DemoOperator | DemoMember,
  passwordHash: () => Promise<string>,
  counter: DemoSeedResult,
): Promise<number> {
  const member = isDemoOperator(account) ? undefined : account;
  const user = await findOrCreate(
    counter,
    () => tx.user.findUnique({ where: { email: account.email }, select: { id: true } }),
    async () =>
      tx.user.create({
        data: {
          email: account.email,
          fullName: account.fullName,
          passwordHash: await passwordHash(),
          active: member?.active ?? true,
          mustResetPassword: member?.mustResetPassword ?? false,
          totpSecret: member?.totpSecret ?? null,
        },
        select: { id: true },
      }),
  );
  return user.id;
}

async function seedOperatorRole(
  tx: Tx,
  userId: number,
  operator: DemoOperator,
  locationIds: Record<DemoLocationKey, number>,
  counter: DemoSeedResult,
): Promise<void> {
  const locationId = operator.location === null ? null : locationIds[operator.location];
  // findFirst, not a compound-unique lookup: Postgres treats NULL locations as distinct.
  await findOrCreate(
    counter,
    () => tx.operatorRole.findFirst({ where: { userId, locationId } }),
    () => tx.operatorRole.create({ data: { userId, locationId, role: operator.role } }),
  );
}

async function seedProfiles(
  tx: Tx,
  userId: number,
  member: DemoMember,
  locationIds: Record<DemoLocationKey, number>,
  teamIds: Record<DemoTeamKey, number>,
  counter: DemoSeedResult,
): Promise<Partial<Record<DemoLocationKey, number>>> {
  const coworkerIds: Partial<Record<DemoLocationKey, number>> = {};
  for (const profile of member.profiles) {
    const locationId = locationIds[profile.location];
    const coworker = await findOrCreate(
      counter,
      () => tx.coworker.findFirst({ where: { userId, locationId }, orderBy: { id: 'asc' } }),
      () =>
        tx.coworker.create({
          data: {
            locationId,
            userId,
            fullName: member.fullName,
            email: member.email,
            companyName: profile.team ? demoTeams[profile.team.key].name : null,
            active: member.active,
          },
        }),
    );
    coworkerIds[profile.location] = coworker.id;
    if (!profile.team) continue;
    const teamId = teamIds[profile.team.key];
    const { isAdministrator } = profile.team;
    await findOrCreate(
      counter,
      () =>
        tx.teamMember.findUnique({
          where: { teamId_coworkerId: { teamId, coworkerId: coworker.id } },
        }),
      () => tx.teamMember.create({ data: { teamId, coworkerId: coworker.id, isAdministrator } }),
    );
  }
  return coworkerIds;
}
