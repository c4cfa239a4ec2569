import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startApiTestHarness, type ApiTestHarness } from '../testing/api-test-harness';
import { GENESIS_HASH } from './audit-chain';
import { verifyAuditChain } from './verify-audit-chain';

let h: ApiTestHarness;

beforeAll(async () => {
  h = await startApiTestHarness();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** Fills the log with real events: sign-ins, grants, exchanges (some concurrent), denials. */
async function produceEvents() {
  const owner = await h.signIn('owner@hotdesk.test');
  const bob = await h.coworkerIdOf('bob@example.com');
  const grant = await h.rest('GET', '/api/sys/users/impersonate', {
    bearer: owner.accessToken,
    query: { coworkerId: bob, reason: 'chain, "quoted"' },
  });
  await Promise.all(
    Array.from({ length: 10 }, () =>
      h.rest('POST', '/api/sys/users/exchange', {
        query: { token: String(grant.json?.token), validForInMinutes: 5 },
      }),
    ),
  );
  await Promise.all([
    h.signIn('alice@example.com'),
    h.rest('POST', '/api/token', {
      form: { grant_type: 'password', username: 'bob@example.com', password: 'wrong' },
    }),
    h.rest('GET', '/api/sys/users/impersonate', {
      bearer: owner.accessToken,
      query: { coworkerId: 999_999 },
    }),
  ]);
}

async function middleEvent() {
  const events = await h.db.auditEvent.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
  return events[Math.floor(events.length / 2)]!.id;
}

describe('audit hash chain', () => {
  beforeEach(async () => {
    await h.db.$executeRaw`TRUNCATE "AuditEvent"`;
    await produceEvents();
  });

  it('links every event written, concurrent ones included, and verifies clean', async () => {
    const report = await verifyAuditChain(h.db);
    expect(report.checked).toBeGreaterThan(12);
    expect(report.problems).toEqual([]);
    const first = await h.db.auditEvent.findFirstOrThrow({ orderBy: { id: 'asc' } });
    expect(first.prevHash).toBe(GENESIS_HASH);
  });

  it('reports an edited event', async () => {
    const id = await middleEvent();
    await h.db
      .$executeRaw`UPDATE "AuditEvent" SET "data" = '{"reason":"nothing to see"}' WHERE id = ${id}`;
    const report = await verifyAuditChain(h.db, { batchSize: 3 });
    expect(report.problems).toEqual([
      expect.objectContaining({ id: id.toString(), kind: 'edited' }),
    ]);
  });

  it('reports a deleted event at the row after it', async () => {
    const id = await middleEvent();
    await h.db.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${id}`;
    const report = await verifyAuditChain(h.db);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ kind: 'broken-link' });
    expect(BigInt(report.problems[0]!.id)).toBeGreaterThan(id);
  });

  it('reports an inserted event, with or without a hash', async () => {
    const head = await h.db.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
    // A forged row appended with a plausible hash of its own, then a real event after it.
    await h.db
      .$executeRaw`INSERT INTO "AuditEvent" (type, "occurredAt", "prevHash", hash) VALUES ('SIGN_IN', now(), ${head.hash}, ${'f'.repeat(64)})`;
    await h.db
      .$executeRaw`INSERT INTO "AuditEvent" (type, "occurredAt") VALUES ('SIGN_OUT', now())`;
    const report = await verifyAuditChain(h.db);
    expect(report.problems.map((p) => p.kind).sort()).toEqual(['edited', 'unchained']);
  });
});
