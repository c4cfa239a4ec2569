import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createPrismaClient } from '@hotdesk/db';

import { startApiTestHarness, type ApiTestHarness } from '../testing/api-test-harness';
import { GENESIS_HASH, digestAuditEvent } from './audit-chain';
import { sealAuditChainNow } from './audit-sealer';
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
  const links = await h.db.auditChainLink.findMany({
    orderBy: { seq: 'asc' },
    select: { eventId: true },
  });
  return links[Math.floor(links.length / 2)]!.eventId;
}

const pendingCount = () => h.db.auditSealQueue.count();

function content(type: string) {
  return {
    type,
    occurredAt: new Date(),
    actorUserId: null,
    actorCoworkerId: null,
    targetCoworkerId: null,
    locationId: null,
    impersonationId: null,
    sessionId: null,
    ip: '203.0.113.9',
    userAgent: null,
    data: { note: 'hand-made' },
  };
}

/** An event as Hotdesk writes it: valid digest, queued for the sealer. */
function writePendingEvent(type: string) {
  const event = content(type);
  return h.db.auditEvent.create({
    data: { ...event, digest: digestAuditEvent(event), sealQueue: { create: {} } },
  });
}

describe('audit hash chain', () => {
  beforeEach(async () => {
    await sealAuditChainNow(h.db);
    await h.db.$executeRaw`TRUNCATE "AuditChainLink", "AuditSealQueue", "AuditEvent"`;
    await produceEvents();
  });

  it('chains every event shortly after its commit, concurrent ones included', async () => {
    // Nobody calls the sealer here: the audited writes asked for it themselves.
    await expect.poll(pendingCount, { timeout: 10_000 }).toBe(0);
    const report = await verifyAuditChain(h.db);
    expect(report.checked).toBeGreaterThan(12);
    expect(report).toMatchObject({ problems: [], pending: 0, sealed: report.checked });
    const chain = await h.db.auditChainLink.findMany({ orderBy: { seq: 'asc' } });
    expect(chain).toHaveLength(await h.db.auditEvent.count());
    expect(chain.map((link) => Number(link.seq))).toEqual(chain.map((_, i) => i + 1));
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(report.headHash).toBe(chain.at(-1)!.hash);
  });

  it('keeps one chain when sealers of several processes race the writers', async () => {
    const otherProcess = createPrismaClient({ url: h.url, max: 4 });
    try {
      await Promise.all([
        produceEvents(),
        ...Array.from({ length: 6 }, () => sealAuditChainNow(otherProcess)),
        produceEvents(),
      ]);
      await sealAuditChainNow(otherProcess);
      await sealAuditChainNow(h.db);
    } finally {
      await otherProcess.$disconnect();
    }
    const report = await verifyAuditChain(h.db, { batchSize: 7 });
    expect(report.problems).toEqual([]);
    expect(report.pending).toBe(0);
    expect(report.sealed).toBe(await h.db.auditEvent.count());
  });

  it('reports events not chained yet as pending, not as tampering', async () => {
    await sealAuditChainNow(h.db);
    const row = await writePendingEvent('SIGN_OUT');
    expect(await verifyAuditChain(h.db)).toMatchObject({
      problems: [],
      pending: 1,
      oldestPendingAt: row.occurredAt,
    });
    expect(await sealAuditChainNow(h.db)).toEqual({ sealed: 1, refused: 0 });
    expect(await verifyAuditChain(h.db)).toMatchObject({ problems: [], pending: 0 });
  });

  it('reports an edited event', async () => {
    await sealAuditChainNow(h.db);
    const id = await middleEvent();
    await h.db
      .$executeRaw`UPDATE "AuditEvent" SET "data" = '{"reason":"nothing to see"}' WHERE id = ${id}`;
    const report = await verifyAuditChain(h.db, { batchSize: 3 });
    expect(report.problems).toEqual([
      expect.objectContaining({ id: id.toString(), kind: 'edited' }),
    ]);
  });

  it('refuses to delete a chained event, and reports one deleted with its link', async () => {
    await sealAuditChainNow(h.db);
    const id = await middleEvent();
    await expect(h.db.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${id}`).rejects.toThrow();
    await h.db.$executeRaw`DELETE FROM "AuditChainLink" WHERE "eventId" = ${id}`;
    await h.db.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${id}`;
    const report = await verifyAuditChain(h.db);
    expect(report.problems.map((p) => p.kind)).toEqual(['missing', 'broken-link']);
  });

  it('reports an event inserted into the chain, and never chains one written by hand', async () => {
    await sealAuditChainNow(h.db);
    const head = await h.db.auditChainLink.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    // A forged event with a link of its own claiming the next position; real events follow it.
    const forged = await h.db.auditEvent.create({ data: content('SIGN_IN') });
    await h.db.auditChainLink.create({
      data: { seq: head.seq + 1n, eventId: forged.id, prevHash: head.hash, hash: 'f'.repeat(64) },
    });
    // Outside the chain: no digest; a digest that is not the event's (queued); a valid digest
    // that nobody queued.
    await h.db.auditEvent.create({ data: content('SIGN_OUT') });
    await h.db.auditEvent.create({
      data: { ...content('SIGN_OUT'), digest: 'e'.repeat(64), sealQueue: { create: {} } },
    });
    const unqueued = content('SIGN_OUT');
    await h.db.auditEvent.create({ data: { ...unqueued, digest: digestAuditEvent(unqueued) } });
    await writePendingEvent('SIGN_IN');
    expect(await sealAuditChainNow(h.db)).toEqual({ sealed: 1, refused: 1 });

    const report = await verifyAuditChain(h.db);
    expect(report.problems.map((p) => p.kind).sort()).toEqual([
      'edited',
      'unchained',
      'unchained',
      'unchained',
    ]);
    expect(report.pending).toBe(0);
    expect(await pendingCount()).toBe(0);
  });
});
