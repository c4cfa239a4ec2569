import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ seed: true });
});
afterAll(() => db?.drop());

async function coworkerAt(webAddress: string, fullName: string) {
  const location = await db.prisma.location.findUniqueOrThrow({ where: { webAddress } });
  return db.prisma.coworker.create({ data: { locationId: location.id, fullName } });
}

describe('database constraints', () => {
  it('treats e-mail addresses that differ only in case as the same login', async () => {
    await db.prisma.user.create({ data: { email: 'Case.Test@Example.com', fullName: 'Case' } });

    await expect(
      db.prisma.user.create({ data: { email: 'case.test@EXAMPLE.COM', fullName: 'Copy' } }),
    ).rejects.toMatchObject({ code: 'P2002' });
    const found = await db.prisma.user.findUnique({ where: { email: 'CASE.TEST@example.com' } });
    expect(found?.fullName).toBe('Case');
  });

  it('rejects a team membership of a coworker that does not exist', async () => {
    const team = await db.prisma.team.findFirstOrThrow({ where: { name: 'Acme' } });

    await expect(
      db.prisma.teamMember.create({ data: { teamId: team.id, coworkerId: 999_999_999 } }),
    ).rejects.toMatchObject({ code: 'P2003' });
  });

  it('refuses to delete a coworker that audit history points at', async () => {
    const coworker = await coworkerAt('downtown', 'Audited Person');
    await db.prisma.auditEvent.create({
      data: { type: 'test.viewed', targetCoworkerId: coworker.id, locationId: coworker.locationId },
    });

    await expect(db.prisma.coworker.delete({ where: { id: coworker.id } })).rejects.toMatchObject({
      code: 'P2003',
    });
    expect(await db.prisma.coworker.findUnique({ where: { id: coworker.id } })).not.toBeNull();
  });

  it('still deletes a coworker without history', async () => {
    const coworker = await coworkerAt('riverside', 'Short Stay');

    await db.prisma.coworker.delete({ where: { id: coworker.id } });

    expect(await db.prisma.coworker.findUnique({ where: { id: coworker.id } })).toBeNull();
  });
});
