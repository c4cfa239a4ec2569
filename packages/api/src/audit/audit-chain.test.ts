import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { AuditKeyRing, generateAuditJwk } from '@hotdesk/auth';
import { createPrismaClient, type PrismaClient } from '@hotdesk/db';

import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import {
  chainLinkAt,
  handMadeEvent,
  produceAuditEvents,
  tamperAsDatabaseSuperuser,
} from '../../test/support/audit-fixtures';
import { GENESIS_HASH, digestAuditEvent, hashAuditLink, legacyDigest } from './audit-chain';
import { sealAuditChainNow, settleAuditSealing } from './audit-sealer';
import { attachAuditTrail, auditTrailOf } from './audit-trail';
import { recordAuditEvent } from './record-audit-event';
import { verifyAuditChain } from './verify-audit-chain';

let h: ApiTestHarness;

beforeAll(async () => {
  h = await startApiTestHarness();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const verify = (options: { batchSize?: number; keys?: AuditKeyRing } = {}) =>
  verifyAuditChain(h.db, { keys: h.auditKeys, ...options });

const pendingCount = () => h.db.auditSealQueue.count();

/** An event as Hotdesk writes it: keyed digest, queued for the sealer. */
function writePendingEvent(type: string, keys = h.auditKeys) {
  const event = handMadeEvent(type);
  return h.db.auditEvent.create({
    data: { ...event, ...digestAuditEvent(keys, event), sealQueue: { create: {} } },
  });
}

/** An audited write of the process `db` stands for. */
const writeSignOut = (db: PrismaClient, i: number) =>
  recordAuditEvent(db, {
    type: 'SIGN_OUT',
    actorUserId: null,
    data: { i },
    request: { ip: '203.0.113.9', userAgent: null },
    at: new Date(),
  });

async function emptyAuditLog() {
  await sealAuditChainNow(h.db);
  await tamperAsDatabaseSuperuser(
    h.db,
    (tx) => tx.$executeRaw`TRUNCATE "AuditChainLink", "AuditSealQueue", "AuditEvent"`,
  );
}

describe('audit hash chain', () => {
  beforeEach(async () => {
    await emptyAuditLog();
    await produceAuditEvents(h);
  });

  it('chains every event shortly after its commit under the current audit key', async () => {
    // Nobody calls the sealer here: the audited writes asked for it themselves.
    await expect.poll(pendingCount, { timeout: 10_000 }).toBe(0);
    const report = await verify();
    expect(report.checked).toBeGreaterThan(12);
    expect(report).toMatchObject({ problems: [], pending: 0, legacy: 0, sealed: report.checked });
    const chain = await h.db.auditChainLink.findMany({ orderBy: { seq: 'asc' } });
    expect(chain).toHaveLength(await h.db.auditEvent.count());
    expect(chain.map((link) => Number(link.seq))).toEqual(chain.map((_, i) => i + 1));
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(new Set(chain.map((link) => link.keyId))).toEqual(new Set([h.auditKeys.currentKeyId]));
    expect(report.headHash).toBe(chain.at(-1)!.hash);
    const events = await h.db.auditEvent.findMany();
    expect(events.every((event) => event.keyId === h.auditKeys.currentKeyId)).toBe(true);
  });

  it('keeps one chain when sealers of several processes race the writers', async () => {
    const otherProcess = createPrismaClient({ url: h.url, max: 4 });
    attachAuditTrail(otherProcess, auditTrailOf(h.db));
    try {
      await Promise.all([
        produceAuditEvents(h),
        ...Array.from({ length: 6 }, () => sealAuditChainNow(otherProcess)),
        produceAuditEvents(h),
      ]);
      await sealAuditChainNow(otherProcess);
      await sealAuditChainNow(h.db);
    } finally {
      await otherProcess.$disconnect();
    }
    const report = await verify({ batchSize: 7 });
    expect(report.problems).toEqual([]);
    expect(report.pending).toBe(0);
    expect(report.sealed).toBe(await h.db.auditEvent.count());
  });

  it('keeps one chain when two processes each chain their own events in one statement', async () => {
    const processes = [h.db, createPrismaClient({ url: h.url, max: 4 })];
    attachAuditTrail(processes[1]!, auditTrailOf(h.db));
    try {
      // Each process knows the head only from its own passes: the other keeps moving it.
      for (let round = 0; round < 5; round++) {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => writeSignOut(processes[i % 2]!, round * 20 + i)),
        );
      }
      await Promise.all(processes.map((db) => settleAuditSealing(db)));
      await expect.poll(pendingCount, { timeout: 10_000 }).toBe(0);
    } finally {
      await processes[1]!.$disconnect();
    }
    const report = await verify({ batchSize: 9 });
    expect(report.problems).toEqual([]);
    expect(report.sealed).toBe(await h.db.auditEvent.count());
  });

  it('continues from a head another process moved with one read, never a pass over the queue', async () => {
    const sent: string[] = [];
    const counted = createPrismaClient({
      url: h.url,
      max: 4,
      observeStatement: (sql) => sent.push(sql),
    });
    attachAuditTrail(counted, auditTrailOf(h.db));
    try {
      // Both processes know the head from a pass of their own.
      await sealAuditChainNow(counted);
      await writeSignOut(counted, 1);
      await settleAuditSealing(counted);
      await sealAuditChainNow(h.db);
      // The other process moves the chain; this one's next append finds it moved.
      await writeSignOut(h.db, 2);
      await settleAuditSealing(h.db);
      sent.length = 0;
      await writeSignOut(counted, 3);
      await settleAuditSealing(counted);
    } finally {
      await counted.$disconnect();
    }
    // The event, the append the moved head refused, one read of the head, the append again.
    const append = /pg_try_advisory_xact_lock[\s\S]*INSERT INTO "AuditChainLink"/;
    expect(sent.slice(0, 4)).toEqual([
      expect.stringMatching(/INSERT INTO "AuditEvent"/),
      expect.stringMatching(append),
      expect.stringMatching(/FROM "AuditChainLink" ORDER BY "seq" DESC LIMIT 1/),
      expect.stringMatching(append),
    ]);
    expect(sent.some((sql) => /FROM "public"\."AuditSealQueue"/.test(sql))).toBe(false);
    expect(await pendingCount()).toBe(0);
    const report = await verify();
    expect(report.problems).toEqual([]);
    expect(report.sealed).toBe(await h.db.auditEvent.count());
  });

  it('chains the queued events of a process that died before chaining them', async () => {
    const counted = createPrismaClient({ url: h.url, max: 4 });
    attachAuditTrail(counted, auditTrailOf(h.db));
    try {
      await sealAuditChainNow(counted);
      // Written and queued by Hotdesk (keyed digest) a while ago; its writer never chained it.
      const orphan = { ...handMadeEvent('SIGN_IN'), occurredAt: new Date(Date.now() - 60_000) };
      await h.db.auditEvent.create({
        data: { ...orphan, ...digestAuditEvent(h.auditKeys, orphan), sealQueue: { create: {} } },
      });
      await writeSignOut(counted, 0);
      await settleAuditSealing(counted);
    } finally {
      await counted.$disconnect();
    }
    expect(await pendingCount()).toBe(0);
    expect((await verify()).problems).toEqual([]);
  });

  it('reports events not chained yet as pending, not as tampering', async () => {
    await sealAuditChainNow(h.db);
    const row = await writePendingEvent('SIGN_OUT');
    expect(await verify()).toMatchObject({
      problems: [],
      pending: 1,
      oldestPendingAt: row.occurredAt,
    });
    expect(await sealAuditChainNow(h.db)).toMatchObject({ sealed: 1, refused: 0 });
    expect(await verify()).toMatchObject({ problems: [], pending: 0 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events and links through the app’s own connection', async () => {
    await sealAuditChainNow(h.db);
    const id = (await chainLinkAt(h.db, 'middle')).eventId;
    const before = await h.db.auditEvent.findUniqueOrThrow({ where: { id } });
    const attempts = [
      h.db.auditEvent.update({ where: { id }, data: { ip: '198.51.100.1' } }),
      h.db.auditEvent.deleteMany({ where: { id } }),
      h.db.$executeRaw`UPDATE "AuditEvent" SET "data" = '{}' WHERE id = ${id}`,
      h.db.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${id}`,
      h.db.auditChainLink.update({ where: { eventId: id }, data: { hash: 'f'.repeat(64) } }),
      h.db.auditChainLink.deleteMany({}),
      h.db.$executeRaw`TRUNCATE "AuditChainLink", "AuditSealQueue", "AuditEvent"`,
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toThrow(/append-only/);
    }
    expect(await h.db.auditEvent.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await h.db.auditChainLink.count()).toBe(await h.db.auditEvent.count());
    // The seal queue is not history: the sealer still empties it.
    await writePendingEvent('SIGN_OUT');
    expect(await sealAuditChainNow(h.db)).toMatchObject({ sealed: 1, refused: 0 });
    expect(await pendingCount()).toBe(0);
    expect((await verify()).problems).toEqual([]);
  });

  it('reports an edited event, even when the editor recomputes the chain without the key', async () => {
    await sealAuditChainNow(h.db);
    const id = (await chainLinkAt(h.db, 'middle')).eventId;
    await tamperAsDatabaseSuperuser(h.db, async (tx) => {
      await tx.$executeRaw`UPDATE "AuditEvent" SET "data" = '{"reason":"nothing to see"}' WHERE id = ${id}`;
      // Rebuild every link from the edited one on, the way the unkeyed chain was computed.
      const links = await tx.auditChainLink.findMany({
        orderBy: { seq: 'asc' },
        include: { event: true },
      });
      let prevHash = GENESIS_HASH;
      const guessed = AuditKeyRing.fromDocument({ keys: [generateAuditJwk()] });
      for (const link of links) {
        const hash = hashAuditLink(guessed, guessed.currentKeyId, prevHash, link.event)!;
        await tx.auditChainLink.update({
          where: { seq: link.seq },
          data: { prevHash, hash, keyId: h.auditKeys.currentKeyId },
        });
        prevHash = hash;
      }
    });
    const report = await verify({ batchSize: 3 });
    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ id: id.toString(), kind: 'edited' }),
    );
    expect(report.problems.every((problem) => problem.kind === 'edited')).toBe(true);
  });

  it('reports an event deleted from the middle, with its link', async () => {
    await sealAuditChainNow(h.db);
    const id = (await chainLinkAt(h.db, 'middle')).eventId;
    await tamperAsDatabaseSuperuser(h.db, async (tx) => {
      await tx.$executeRaw`DELETE FROM "AuditChainLink" WHERE "eventId" = ${id}`;
      await tx.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${id}`;
    });
    const report = await verify();
    expect(report.problems.map((p) => p.kind)).toEqual(['missing', 'broken-link']);
  });

  it('never chains an event whose digest was computed without the key, and reports it', async () => {
    await sealAuditChainNow(h.db);
    const unkeyed = handMadeEvent('SIGN_IN');
    const forged = await h.db.auditEvent.create({
      data: { ...unkeyed, digest: legacyDigest(unkeyed), sealQueue: { create: {} } },
    });
    const otherKeys = AuditKeyRing.fromDocument({
      keys: [{ ...generateAuditJwk(), kid: h.auditKeys.currentKeyId }],
    });
    const wrongKey = await writePendingEvent('SIGN_OUT', otherKeys);
    await h.db.auditEvent.create({ data: handMadeEvent('SIGN_OUT') });
    const genuine = await writePendingEvent('SIGN_IN');
    expect(await sealAuditChainNow(h.db)).toMatchObject({ sealed: 1, refused: 2 });
    expect(await h.db.auditChainLink.findUnique({ where: { eventId: genuine.id } })).not.toBeNull();
    const report = await verify();
    expect(report.problems.filter((p) => p.kind === 'unchained').map((p) => p.id)).toEqual(
      expect.arrayContaining([forged.id.toString(), wrongKey.id.toString()]),
    );
    expect(report.problems.map((p) => p.kind)).toEqual(['unchained', 'unchained', 'unchained']);
  });

  it('reports an event inserted into the chain with a link computed without the key', async () => {
    await sealAuditChainNow(h.db);
    const head = await h.db.auditChainLink.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    const forged = handMadeEvent('SIGN_IN');
    const event = await h.db.auditEvent.create({
      data: { ...forged, digest: legacyDigest(forged) },
    });
    // The pre-key formula: anyone can compute it, so after the chain is keyed it proves nothing.
    await h.db.auditChainLink.create({
      data: {
        seq: head.seq + 1n,
        eventId: event.id,
        prevHash: head.hash,
        hash: hashAuditLink(h.auditKeys, null, head.hash, forged)!,
        keyId: null,
      },
    });
    await writePendingEvent('SIGN_OUT');
    await sealAuditChainNow(h.db);
    const report = await verify();
    expect(report.problems).toEqual([
      expect.objectContaining({ id: event.id.toString(), kind: 'forged' }),
    ]);
  });

  it('after a key rotation verifies both keys’ events, and says so when a key goes missing', async () => {
    await sealAuditChainNow(h.db);
    const trail = auditTrailOf(h.db);
    const previous = trail.keys;
    const newKey = generateAuditJwk();
    const rotated = AuditKeyRing.fromDocument({ keys: [newKey, ...h.auditKeyDocument.keys] });
    attachAuditTrail(h.db, { ...trail, keys: rotated });
    try {
      await produceAuditEvents(h);
      await sealAuditChainNow(h.db);
      const keyIds = await h.db.auditChainLink.groupBy({ by: ['keyId'], _count: true });
      expect(keyIds.map((row) => row.keyId).sort()).toEqual(
        [newKey.kid, previous.currentKeyId].sort(),
      );
      expect((await verify({ keys: rotated })).problems).toEqual([]);
      const withoutOld = AuditKeyRing.fromDocument({ keys: [newKey] });
      const report = await verify({ keys: withoutOld });
      expect(new Set(report.problems.map((p) => p.kind))).toEqual(new Set(['unknown-key']));
    } finally {
      attachAuditTrail(h.db, trail);
    }
  });
});

describe('rows from before the chain was keyed', () => {
  beforeEach(emptyAuditLog);

  it('still verify as legacy, are chained when still queued, and cannot be added afterwards', async () => {
    // Two events of the pre-key version, chained with plain SHA-256 links, and a third one
    // it wrote but had not chained before the upgrade.
    let prevHash = GENESIS_HASH;
    await tamperAsDatabaseSuperuser(h.db, async (tx) => {
      for (const [seq, type] of [
        [1n, 'SIGN_IN'],
        [2n, 'SIGN_OUT'],
      ] as const) {
        const event = handMadeEvent(type);
        const row = await tx.auditEvent.create({ data: { ...event, digest: legacyDigest(event) } });
        const hash = hashAuditLink(h.auditKeys, null, prevHash, event)!;
        await tx.auditChainLink.create({ data: { seq, eventId: row.id, prevHash, hash } });
        prevHash = hash;
      }
      const queued = handMadeEvent('SIGN_IN');
      await tx.auditEvent.create({
        data: { ...queued, digest: legacyDigest(queued), sealQueue: { create: {} } },
      });
    });
    expect(await verify()).toMatchObject({ problems: [], legacy: 2, pending: 1 });

    // The first keyed pass chains the queued legacy event, with a keyed link.
    await produceAuditEvents(h);
    await sealAuditChainNow(h.db);
    const report = await verify();
    expect(report).toMatchObject({ problems: [], legacy: 2, pending: 0 });
    expect(report.sealed).toBe(await h.db.auditEvent.count());

    // From now on a digest anyone could compute is refused and reported.
    const late = handMadeEvent('SIGN_IN');
    const forged = await h.db.auditEvent.create({
      data: { ...late, digest: legacyDigest(late), sealQueue: { create: {} } },
    });
    expect(await sealAuditChainNow(h.db)).toMatchObject({ sealed: 0, refused: 1 });
    expect((await verify()).problems).toEqual([
      expect.objectContaining({ id: forged.id.toString(), kind: 'unchained' }),
    ]);
  });
});
