import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { legacyDigest } from '../../src/audit/audit-chain';
import { writeAuditCheckpoint } from '../../src/audit/audit-checkpoint';
import { sealAuditChainNow } from '../../src/audit/audit-sealer';
import { attachAuditTrail, auditTrailOf } from '../../src/audit/audit-trail';
import { startApiTestHarness, type ApiTestHarness } from '../support/api-test-harness';
import {
  chainLinkAt,
  handMadeEvent,
  produceAuditEvents,
  tamperAsDatabaseSuperuser,
} from '../support/audit-fixtures';
import { recordAttack, Tally } from './attack-log';

/**
 * An attacker with write access to the database, against the audit log: each case tampers
 * with a fresh deployment's log (after a signed checkpoint was written outside the database)
 * and runs the real `pnpm audit:verify`, which must exit 1 and say what happened.
 */

const apiRoot = path.resolve(import.meta.dirname, '../..');

interface Deployment {
  h: ApiTestHarness;
  checkpoints: string;
}

async function deploymentWithHistory(): Promise<Deployment> {
  const h = await startApiTestHarness();
  const checkpoints = await mkdtemp(path.join(tmpdir(), 'hotdesk-audit-attack-'));
  const trail = auditTrailOf(h.db);
  attachAuditTrail(h.db, {
    ...trail,
    checkpoints: { ...trail.checkpoints, directory: checkpoints },
  });
  await produceAuditEvents(h);
  await sealAuditChainNow(h.db);
  expect(await writeAuditCheckpoint(h.db)).toMatchObject({ iss: 'hotdesk' });
  return { h, checkpoints };
}

/** `pnpm audit:verify` as an operator runs it, with the deployment's keys and checkpoints. */
function auditVerify({ h, checkpoints }: Deployment): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts'], {
      cwd: apiRoot,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: h.url,
        HOTDESK_JWKS: h.jwks,
        HOTDESK_AUDIT_KEYS: JSON.stringify(h.auditKeyDocument),
        HOTDESK_AUDIT_CHECKPOINT_DIR: checkpoints,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

async function attack(
  name: string,
  tamper: (h: ApiTestHarness) => Promise<void>,
  expected: RegExp,
) {
  const deployment = await deploymentWithHistory();
  try {
    await tamper(deployment.h);
    const after = await auditVerify(deployment);
    const finding = after.output.split('\n').find((line) => expected.test(line)) ?? 'nothing found';
    recordAttack(`audit:verify after ${name}`, {
      tried: 1,
      outcome: `exit ${after.code}: ${finding.trim().slice(0, 90)}`,
    });
    expect(after.output).toMatch(/TAMPERING DETECTED/);
    expect(after.output).toMatch(expected);
    expect(after.code).toBe(1);
  } finally {
    await deployment.h.close();
    await rm(deployment.checkpoints, { recursive: true, force: true });
  }
}

// Each case builds a deployment and starts the CLI as a process of its own: slow on a busy machine.
describe('pnpm audit:verify against a database-level attacker', { timeout: 300_000 }, () => {
  it('passes the untouched log of the same deployment (exit 0)', async () => {
    const deployment = await deploymentWithHistory();
    try {
      const clean = await auditVerify(deployment);
      expect(clean.output).toContain('OK: no edited, inserted or deleted events.');
      expect(clean.output).toMatch(/Checkpoint: position \d+, signed/);
      expect(clean.code).toBe(0);
    } finally {
      await deployment.h.close();
      await rm(deployment.checkpoints, { recursive: true, force: true });
    }
  });

  it('detects an event inserted with a digest computed without the key', async () => {
    await attack(
      'an event inserted with an unkeyed digest',
      async (h) => {
        const event = handMadeEvent('SIGN_IN');
        await h.db.auditEvent.create({
          data: { ...event, digest: legacyDigest(event), sealQueue: { create: {} } },
        });
        // The apps' sealer runs and refuses to chain it.
        expect(await sealAuditChainNow(h.db)).toMatchObject({ sealed: 0, refused: 1 });
      },
      /unchained/,
    );
  });

  it('detects an edited event', async () => {
    await attack(
      'an event edited (triggers switched off)',
      async (h) => {
        const { eventId } = await chainLinkAt(h.db, 'middle');
        await tamperAsDatabaseSuperuser(
          h.db,
          (tx) => tx.$executeRaw`UPDATE "AuditEvent" SET ip = '198.51.100.1' WHERE id = ${eventId}`,
        );
      },
      /edited/,
    );
  });

  it('detects an event deleted from the middle', async () => {
    await attack(
      'an event deleted from the middle with its link',
      async (h) => {
        const { eventId } = await chainLinkAt(h.db, 'middle');
        await tamperAsDatabaseSuperuser(h.db, async (tx) => {
          await tx.$executeRaw`DELETE FROM "AuditChainLink" WHERE "eventId" = ${eventId}`;
          await tx.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${eventId}`;
        });
      },
      /missing/,
    );
  });

  it('detects a truncated tail against the last checkpoint', async () => {
    await attack(
      'the newest 3 events deleted (tail truncated)',
      async (h) => {
        const head = await chainLinkAt(h.db, 'head');
        await tamperAsDatabaseSuperuser(h.db, async (tx) => {
          const tail = await tx.auditChainLink.findMany({ where: { seq: { gt: head.seq - 3n } } });
          await tx.auditChainLink.deleteMany({ where: { seq: { gt: head.seq - 3n } } });
          await tx.auditEvent.deleteMany({ where: { id: { in: tail.map((l) => l.eventId) } } });
        });
      },
      /truncated/,
    );
  });

  it('the application’s own connection cannot update or delete audit rows', async () => {
    const { h, checkpoints } = await deploymentWithHistory();
    try {
      const { eventId } = await chainLinkAt(h.db, 'middle');
      const tally = new Tally();
      const attempts = {
        'UPDATE event': h.db.$executeRaw`UPDATE "AuditEvent" SET ip = NULL WHERE id = ${eventId}`,
        'DELETE event': h.db.auditEvent.deleteMany({ where: { id: eventId } }),
        'UPDATE link': h.db
          .$executeRaw`UPDATE "AuditChainLink" SET hash = hash WHERE "eventId" = ${eventId}`,
        'DELETE links': h.db.auditChainLink.deleteMany({}),
        'TRUNCATE events': h.db.$executeRaw`TRUNCATE "AuditEvent" CASCADE`,
      };
      for (const [label, attempt] of Object.entries(attempts)) {
        const refused = await attempt.then(
          () => false,
          (error: unknown) => /append-only/.test(String(error)),
        );
        tally.add(`${label} ${refused ? 'refused' : 'ALLOWED'}`);
      }
      recordAttack('UPDATE / DELETE / TRUNCATE of audit rows as the app (a superuser)', tally);
      expect(tally.summary()).not.toContain('ALLOWED');
      expect(tally.tried).toBe(5);
    } finally {
      await h.close();
      await rm(checkpoints, { recursive: true, force: true });
    }
  });
});
