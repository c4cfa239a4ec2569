import { afterEach, describe, expect, it, vi } from 'vitest';
import { readDbEnv } from '../env';
import { withDatabase } from '../migrations/postgres-server';
import { createTestDatabase } from './test-database';
import { prepareTestDatabaseTemplates, testDatabaseTemplates } from './test-database-templates';

async function databaseExists(url: string): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  const { rows } = await withDatabase(readDbEnv().testDatabaseUrl, (client) =>
    client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]),
  );
  return rows.length === 1;
}

describe('createTestDatabase', () => {
  it('creates a separate, migrated database per call and drops it again', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase({ seed: true })]);
    try {
      expect(a.url).not.toBe(b.url);
      expect(new URL(a.url).pathname).toMatch(/^\/hotdesk_test_[0-9a-f]{12}$/);
      expect(await a.prisma.location.count()).toBe(0);
      expect(await b.prisma.location.count()).toBe(2);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
    expect(await databaseExists(a.url)).toBe(false);
    expect(await databaseExists(b.url)).toBe(false);
    await a.drop();
  });
});

describe("createTestDatabase with a run's templates", () => {
  it('copies the migrated or the seeded template, each copy its own, and drops them at the end', async () => {
    const dropTemplates = await prepareTestDatabaseTemplates();
    const templates = testDatabaseTemplates();
    try {
      expect(templates).toEqual({
        migrated: expect.stringMatching(/^hotdesk_test_template_[0-9a-f]{8}$/),
        seeded: expect.stringMatching(/^hotdesk_test_template_[0-9a-f]{8}_seeded$/),
      });
      const [empty, first, second] = await Promise.all([
        createTestDatabase(),
        createTestDatabase({ seed: true }),
        createTestDatabase({ seed: true }),
      ]);
      try {
        expect(await empty.prisma.location.count()).toBe(0);
        expect(await first.prisma.user.count()).toBe(11);
        // Copies of one seeding: a password's random salt is the same in both.
        const firstUser = { where: { id: 1 }, select: { passwordHash: true } };
        expect(await first.prisma.user.findUnique(firstUser)).toEqual(
          await second.prisma.user.findUnique(firstUser),
        );
        const active = { where: { active: true } };
        const activeUsers = await second.prisma.user.count(active);
        await first.prisma.user.updateMany({ data: { active: false } });
        expect(await first.prisma.user.count(active)).toBe(0);
        expect(await second.prisma.user.count(active)).toBe(activeUsers);
      } finally {
        await Promise.all([empty.drop(), first.drop(), second.drop()]);
      }
    } finally {
      await dropTemplates();
    }
    expect(testDatabaseTemplates()).toBeUndefined();
    const { rows } = await withDatabase(readDbEnv().testDatabaseUrl, (client) =>
      client.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [
        Object.values(templates ?? {}),
      ]),
    );
    expect(rows).toEqual([]);
  });
});

describe('createTestDatabase without a PostgreSQL server', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
    vi.restoreAllMocks();
  });

  it('falls back to an in-memory embedded server and says so once', async () => {
    vi.stubEnv('TEST_DATABASE_URL', 'postgresql://postgres@127.0.0.1:1/postgres');
    vi.stubEnv('CI', '');
    vi.resetModules();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { createTestDatabase: create } = await import('./test-database');

    const first = await create({ seed: true });
    const second = await create();
    try {
      expect(new URL(first.url).hostname).toBe('127.0.0.1');
      expect(first.url).not.toBe(second.url);
      expect(await first.prisma.user.count()).toBe(11);
      expect(await second.prisma.user.count()).toBe(0);
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/in-memory embedded PGlite/);
  });

  it('fails instead when running in CI', async () => {
    vi.stubEnv('TEST_DATABASE_URL', 'postgresql://postgres@127.0.0.1:1/postgres');
    vi.stubEnv('CI', 'true');
    vi.resetModules();
    const { createTestDatabase: create } = await import('./test-database');

    await expect(create()).rejects.toThrow(/CI needs one/);
  });
});
