import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopProcess } from '@hotdesk/server/launcher';
import { bearerOf } from '../support/api';
import { useOwnSystem } from '../support/own-system';
import { expect, test } from '../support/test';

// Its own system: checkpoints go to a folder of the test's, at most one an hour, so the only
// checkpoint after the first is the one a stop writes.
const checkpoints = mkdtempSync(path.join(os.tmpdir(), 'hotdesk-checkpoints-'));
const system = useOwnSystem({
  instances: [{ app: 'portal' }],
  env: { HOTDESK_AUDIT_CHECKPOINT_DIR: checkpoints, HOTDESK_AUDIT_CHECKPOINT_MINUTES: '60' },
});
test.afterAll(() => rmSync(checkpoints, { recursive: true, force: true }));

/** The chain positions the folder holds checkpoints of, from the file names. */
const checkpointed = () =>
  readdirSync(checkpoints)
    .map((name) => /^checkpoint-(\d+)\.json$/.exec(name)?.[1])
    .filter((seq): seq is string => seq !== undefined)
    .map(Number);

async function chainHead(): Promise<number> {
  const db = system().database.prisma;
  // Chained means out of the seal queue: wait for the sealer, which runs after each commit.
  await expect.poll(() => db.auditSealQueue.count(), { timeout: 15_000 }).toBe(0);
  const head = await db.auditChainLink.findFirstOrThrow({ orderBy: { seq: 'desc' } });
  return Number(head.seq);
}

test('a clean stop chains and checkpoints every audit event the process wrote', async () => {
  const portal = system().instance('portal');
  await bearerOf(portal.url, 'bob@example.com');
  const first = await chainHead();
  await expect.poll(() => Math.max(0, ...checkpointed()), { timeout: 15_000 }).toBe(first);

  // Signed in again: chained at once, but the next checkpoint is an hour away.
  await bearerOf(portal.url, 'carol@example.com');
  const head = await chainHead();
  expect(head).toBeGreaterThan(first);
  expect(Math.max(...checkpointed())).toBe(first);

  const exited = once(portal.process, 'exit');
  await stopProcess(portal);
  const [code] = (await exited) as [number | null];
  expect(code).toBe(0);
  expect(Math.max(...checkpointed())).toBe(head);
});
