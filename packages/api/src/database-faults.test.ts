import net from 'node:net';

import { createPrismaClient } from '@hotdesk/db';
import { createTestDatabase, type TestDatabase } from '@hotdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { asHotdeskError, httpStatusOf } from './errors';

/**
 * The errors PostgreSQL, the pg driver adapter and Prisma really throw, each mapped by the one
 * translation both transports use: the input's faults to 400 and 404, an unreachable database
 * to 503 with Retry-After, anything else left a bug (null: a 500).
 */

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

async function thrown(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the database to refuse');
}

const answer = (error: unknown) => {
  const known = asHotdeskError(error);
  return known && { status: httpStatusOf(known), retryAfter: known.details.retryAfterSeconds };
};

describe('database faults', () => {
  it('U+0000 in text (SQLSTATE 22021) is the input’s fault: 400', async () => {
    const db = database.prisma;
    expect(
      answer(await thrown(() => db.user.findUnique({ where: { email: 'a\u0000@x.io' } }))),
    ).toEqual({ status: 400, retryAfter: undefined });
    expect(answer(await thrown(() => db.$executeRaw`SELECT ${'a\u0000'}::text`))).toMatchObject({
      status: 400,
    });
  });

  it('U+0000 in JSON (SQLSTATE 22P05) is the input’s fault: 400', async () => {
    const error = await thrown(() =>
      database.prisma.auditEvent.create({ data: { type: 'X', data: { note: 'a\u0000' } } }),
    );
    expect(answer(error)).toMatchObject({ status: 400 });
  });

  it('a reference to a row that does not exist (Prisma P2003) is a 404', async () => {
    const error = await thrown(() =>
      database.prisma.locationPolicy.create({ data: { locationId: 2_000_000_000 } }),
    );
    expect(answer(error)).toMatchObject({ status: 404 });
  });

  it('an overlapping booking (exclusion constraint, SQLSTATE 23P01) is a 409 naming the start', async () => {
    const db = database.prisma;
    const taken = await db.booking.findFirstOrThrow({ where: { cancelledAt: null } });
    const overlapping = {
      resourceId: taken.resourceId,
      coworkerId: taken.coworkerId,
      startsAt: taken.startsAt,
      endsAt: taken.endsAt,
      priceMinor: 0,
    };
    for (const insert of [
      () => db.booking.create({ data: overlapping }),
      () => db.$transaction((tx) => tx.booking.create({ data: overlapping })),
    ]) {
      const known = asHotdeskError(await thrown(insert));
      expect(known && httpStatusOf(known)).toBe(409);
      expect(known?.message).toBe('That slot was just taken. Choose another time.');
      expect(known?.details.field).toBe('from');
    }
  });

  it('a database out of reach is a 503 with Retry-After, whatever the query', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const url = new URL(database.url);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    const unreachable = createPrismaClient({ url: url.toString(), max: 1 });
    try {
      for (const query of [
        () => unreachable.location.count(),
        () => unreachable.$queryRaw`SELECT 1`,
        () => unreachable.$transaction((tx) => tx.location.count()),
      ]) {
        const known = asHotdeskError(await thrown(query));
        expect(known?.code).toBe('UNAVAILABLE');
        expect(known && httpStatusOf(known)).toBe(503);
        expect(known?.details.retryAfterSeconds).toBeGreaterThan(0);
      }
    } finally {
      await unreachable.$disconnect().catch(() => undefined);
    }
  });

  it('anything else stays a bug', async () => {
    expect(asHotdeskError(new TypeError('x is undefined'))).toBeNull();
    const error = await thrown(() => database.prisma.$executeRaw`SELECT * FROM "NoSuchTable"`);
    expect(asHotdeskError(error)).toBeNull();
  });
});
