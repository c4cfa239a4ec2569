import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { setLogSink } from '../logging/logger';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { produceAuditEvents, tamperAsDatabaseSuperuser } from '../../test/support/audit-fixtures';
import { AUDIT_CHAIN_LOCK } from './audit-chain';
import {
  readAuditCheckpointFile,
  readLatestAuditCheckpoint,
  writeAuditCheckpoint,
} from './audit-checkpoint';
import { sealAuditChainNow } from './audit-sealer';
import { attachAuditTrail, auditTrailOf, type AuditTrail } from './audit-trail';
import { verifyAuditChain } from './verify-audit-chain';

let h: ApiTestHarness;
let harnessTrail: AuditTrail;
let directory: string;

beforeAll(async () => {
  h = await startApiTestHarness();
  harnessTrail = auditTrailOf(h.db);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'hotdesk-checkpoints-'));
  useCheckpoints({ directory });
});

afterEach(async () => {
  attachAuditTrail(h.db, harnessTrail);
  await rm(directory, { recursive: true, force: true });
});

function useCheckpoints(checkpoints: Partial<AuditTrail['checkpoints']>) {
  attachAuditTrail(h.db, {
    ...harnessTrail,
    checkpoints: { ...harnessTrail.checkpoints, ...checkpoints },
  });
}

const latest = () => readLatestAuditCheckpoint(directory, h.keys, h.ctx.config.issuer);
const verify = (checkpoint: Awaited<ReturnType<typeof latest>>) =>
  verifyAuditChain(h.db, { keys: h.auditKeys, checkpoint: checkpoint?.checkpoint ?? null });

describe('checkpoints of the audit chain', () => {
  it('are signed files of the head in the configured directory; the newest one counts', async () => {
    await produceAuditEvents(h);
    await sealAuditChainNow(h.db);
    const first = await writeAuditCheckpoint(h.db);
    await produceAuditEvents(h);
    await sealAuditChainNow(h.db);
    const second = await writeAuditCheckpoint(h.db);
    const head = await h.db.auditChainLink.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(second).toMatchObject({ seq: head.seq.toString(), hash: head.hash, iss: 'hotdesk' });
    expect(Number((first as { seq: string }).seq)).toBeLessThan(Number(head.seq));
    const seqOf = (written: unknown) => (written as { seq: string }).seq.padStart(20, '0');
    expect(await readdir(directory)).toEqual(
      expect.arrayContaining([
        `checkpoint-${seqOf(first)}.json`,
        `checkpoint-${seqOf(second)}.json`,
      ]),
    );
    expect((await latest())?.checkpoint).toEqual(second);
    expect((await verify(await latest())).problems).toEqual([]);
  });

  it('are written by the sealer at most once an interval, and catch up with the head', async () => {
    const intervalMs = 1_500;
    useCheckpoints({ directory, intervalMs });
    const started = Date.now();
    await produceAuditEvents(h);
    await produceAuditEvents(h);
    await expect.poll(() => h.db.auditSealQueue.count(), { timeout: 10_000 }).toBe(0);
    const head = await h.db.auditChainLink.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    // Nobody writes a checkpoint here but the background sealer, after its interval.
    await expect
      .poll(async () => (await latest())?.checkpoint.seq, { timeout: 10_000 })
      .toBe(head.seq.toString());
    const files = await readdir(directory);
    const events = await h.db.auditEvent.count();
    expect(files.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / intervalMs) + 1);
    expect(files.length).toBeLessThan(events);
  });

  it('are written only by whoever holds the sealer’s lock', async () => {
    await produceAuditEvents(h);
    // Also lets the background sealer write the checkpoint it scheduled.
    await sealAuditChainNow(h.db);
    const before = await readdir(directory);
    let release!: () => void;
    const held = h.db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
      await new Promise<void>((resolve) => (release = resolve));
    });
    await expect.poll(() => release !== undefined).toBe(true);
    try {
      expect(await writeAuditCheckpoint(h.db)).toBe('busy');
    } finally {
      release();
      await held;
    }
    expect(await readdir(directory)).toEqual(before);
  });

  it('go to the log, unredacted and verifiable, when no directory is configured', async () => {
    useCheckpoints({ directory: null });
    const lines: string[] = [];
    const previous = setLogSink((line) => lines.push(line));
    try {
      await produceAuditEvents(h);
      await sealAuditChainNow(h.db);
      await writeAuditCheckpoint(h.db);
    } finally {
      setLogSink(previous);
    }
    const line = lines.find((candidate) => candidate.includes('"audit.checkpoint"'));
    expect(line).toBeDefined();
    expect(line).not.toContain('[redacted]');
    const file = path.join(directory, 'from-the-log.json');
    await writeFile(file, line!);
    const checkpoint = await readAuditCheckpointFile(file, h.keys, 'hotdesk');
    const head = await h.db.auditChainLink.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(checkpoint).toMatchObject({ seq: head.seq.toString(), hash: head.hash });
  });

  it('reveal a chain whose tail was deleted after them, which the chain alone cannot', async () => {
    await produceAuditEvents(h);
    await sealAuditChainNow(h.db);
    await writeAuditCheckpoint(h.db);
    const head = await h.db.auditChainLink.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    await tamperAsDatabaseSuperuser(h.db, async (tx) => {
      const tail = await tx.auditChainLink.findMany({
        where: { seq: { gt: head.seq - 3n } },
        select: { eventId: true },
      });
      await tx.auditChainLink.deleteMany({ where: { seq: { gt: head.seq - 3n } } });
      await tx.auditEvent.deleteMany({ where: { id: { in: tail.map((link) => link.eventId) } } });
    });
    expect((await verify(null)).problems).toEqual([]);
    const report = await verify(await latest());
    expect(report.problems).toEqual([expect.objectContaining({ id: null, kind: 'truncated' })]);
  });
});
