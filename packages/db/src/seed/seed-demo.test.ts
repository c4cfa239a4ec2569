import { verifyPassword } from '@hotdesk/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoAccounts } from './demo-data';
import { addDays, instantAt, localDayOf } from '../time/local-time';
import { seedDemoData } from './seed-demo';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ seed: true });
});
afterAll(() => db?.drop());

async function rowCounts() {
  const p = db.prisma;
  return {
    locations: await p.location.count(),
    users: await p.user.count(),
    operatorRoles: await p.operatorRole.count(),
    coworkers: await p.coworker.count(),
    teams: await p.team.count(),
    teamMembers: await p.teamMember.count(),
    resources: await p.resource.count(),
    plans: await p.plan.count(),
    bookings: await p.booking.count(),
    invoices: await p.invoice.count(),
    memberships: await p.membership.count(),
  };
}

function userByEmail(email: string) {
  return db.prisma.user.findUniqueOrThrow({
    where: { email },
    include: {
      operatorRoles: { include: { location: true } },
      coworkers: {
        include: { location: true, teamMemberships: { include: { team: true } } },
        orderBy: { id: 'asc' },
      },
    },
  });
}

describe('seedDemoData', () => {
  it('creates exactly the demo data, and nothing more when run again', async () => {
    const before = await rowCounts();
    expect(before).toEqual({
      locations: 2,
      users: 11,
      operatorRoles: 4,
      coworkers: 8,
      teams: 2,
      teamMembers: 3,
      resources: 8,
      plans: 4,
      bookings: 5,
      invoices: 7,
      memberships: 6,
    });

    expect(await seedDemoData(db.prisma)).toEqual({ created: 0 });
    expect(await seedDemoData(db.prisma)).toEqual({ created: 0 });
    expect(await rowCounts()).toEqual(before);
  });

  it('gives every demo account the password hotdesk-demo', async () => {
    for (const { email } of Object.values(demoAccounts)) {
      const { passwordHash } = await userByEmail(email);
      expect(passwordHash, email).toBeTruthy();
      expect(await verifyPassword(DEMO_PASSWORD, passwordHash!), email).toBe(true);
    }
  });

  it('gives the operators their roles and no customer profile', async () => {
    const roleOf = async (email: string) => {
      const user = await userByEmail(email);
      expect(user.coworkers).toEqual([]);
      return user.operatorRoles.map((r) => [r.role, r.location?.webAddress ?? null]);
    };
    expect(await roleOf('owner@hotdesk.test')).toEqual([['OWNER', null]]);
    expect(await roleOf('admin@downtown.hotdesk.test')).toEqual([['ADMIN', 'downtown']]);
    expect(await roleOf('viewer@downtown.hotdesk.test')).toEqual([['VIEWER', 'downtown']]);
    expect(await roleOf('admin@riverside.hotdesk.test')).toEqual([['ADMIN', 'riverside']]);
  });

  it('builds the members and teams of the design table', async () => {
    const profiles = async (email: string) =>
      (await userByEmail(email)).coworkers.map((c) => ({
        location: c.location.name,
        active: c.active,
        teams: c.teamMemberships.map((m) => [m.team.name, m.isAdministrator]),
      }));

    expect(await profiles('alice@example.com')).toEqual([
      { location: 'Downtown Hub', active: true, teams: [['Acme', true]] },
    ]);
    expect(await profiles('bob@example.com')).toEqual([
      { location: 'Downtown Hub', active: true, teams: [['Acme', false]] },
    ]);
    expect(await profiles('carol@example.com')).toEqual([
      { location: 'Downtown Hub', active: true, teams: [] },
      { location: 'Riverside Works', active: true, teams: [] },
    ]);
    expect(await profiles('erin@example.com')).toEqual([
      { location: 'Riverside Works', active: true, teams: [['Rivet', false]] },
    ]);
    expect(await profiles('dave@example.com')).toEqual([
      { location: 'Downtown Hub', active: false, teams: [] },
    ]);
    expect((await userByEmail('dave@example.com')).active).toBe(false);
    const rivet = await db.prisma.team.findFirstOrThrow({
      where: { name: 'Rivet' },
      include: { location: true },
    });
    expect(rivet.location.webAddress).toBe('riverside');
  });

  it('turns on two-factor for frank and a forced reset for grace, and for no one else', async () => {
    const users = await db.prisma.user.findMany({ orderBy: { email: 'asc' } });
    const withTotp = users.filter((u) => u.totpSecret !== null);
    const mustReset = users.filter((u) => u.mustResetPassword);

    expect(withTotp.map((u) => [u.email, u.totpSecret])).toEqual([
      ['frank@example.com', DEMO_TOTP_SECRET],
    ]);
    expect(mustReset.map((u) => u.email)).toEqual(['grace@example.com']);
    expect(users.filter((u) => !u.active).map((u) => u.email)).toEqual(['dave@example.com']);
  });

  it('puts missing rows back without touching the others', async () => {
    const grace = await userByEmail('grace@example.com');
    await db.prisma.user.update({ where: { id: grace.id }, data: { fullName: 'Grace Renamed' } });
    await db.prisma.teamMember.deleteMany({ where: { team: { name: 'Rivet' } } });

    expect(await seedDemoData(db.prisma)).toEqual({ created: 1 });

    expect((await userByEmail('grace@example.com')).fullName).toBe('Grace Renamed');
    expect(await db.prisma.teamMember.count({ where: { team: { name: 'Rivet' } } })).toBe(1);
  });

  it("gives Bob an overdue invoice and a booking tomorrow, in Downtown's time zone", async () => {
    const bob = await userByEmail(demoAccounts.bob.email);
    const coworkerId = bob.coworkers[0]!.id;
    const invoices = await db.prisma.invoice.findMany({ where: { coworkerId, paidAt: null } });
    expect(invoices.map((invoice) => invoice.number)).toEqual(['INV-0042']);
    expect(invoices[0]!.dueOn.getTime()).toBeLessThan(Date.now());

    const tomorrow = addDays(localDayOf(new Date(), 'Europe/London'), 1);
    const booking = await db.prisma.booking.findFirstOrThrow({
      where: { coworkerId, startsAt: { gt: new Date() } },
      include: { resource: true },
    });
    expect(booking.resource.name).toBe('Meeting room Kew');
    expect(booking.startsAt).toEqual(instantAt(tomorrow, '10:00', 'Europe/London'));
  });

  it('gives Carol bookings at both of her locations', async () => {
    const carol = await userByEmail(demoAccounts.carol.email);
    const locations = await db.prisma.booking.findMany({
      where: { coworkerId: { in: carol.coworkers.map((c) => c.id) } },
      select: { resource: { select: { location: { select: { webAddress: true } } } } },
    });
    expect(locations.map((b) => b.resource.location.webAddress).sort()).toEqual([
      'downtown',
      'riverside',
    ]);
  });
});
