import path from 'node:path';

import { defineConfig } from 'vitest/config';
import { type Reporter, type TestModule } from 'vitest/node';

import { projectsOf } from './vitest.config';

// A fixed default seed keeps CI reproducible; HOTDESK_FUZZ_SEED=<n> explores (or replays) another.
const seed = Number(process.env.HOTDESK_FUZZ_SEED ?? 20_261_122);
if (!Number.isSafeInteger(seed)) throw new Error('HOTDESK_FUZZ_SEED must be an integer');

interface AttackRecord {
  attack: string;
  tried: number;
  outcome: string;
}

/**
 * Prints every attack the suite tried (recorded by `recordAttack` in
 * test/attack-suite/attack-log.ts into the test's metadata), what the server answered, and
 * whether the test held.
 */
class AttackTableReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows: string[][] = [];
    for (const testModule of testModules) {
      const area = path.basename(testModule.moduleId).replace(/(\.own-process)?\.test\.ts$/, '');
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        const verdict = state === 'passed' ? 'held' : state === 'failed' ? 'FAILED' : state;
        const attacks = (test.meta() as { attacks?: AttackRecord[] }).attacks ?? [];
        for (const { attack, tried, outcome } of attacks) {
          rows.push([area, attack, String(tried), outcome, verdict]);
        }
      }
    }
    const header = ['area', 'attack', 'tried', 'outcome', 'verdict'];
    const widths = header.map((title, i) =>
      Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)),
    );
    const line = (cells: string[]) =>
      `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    const tried = rows.reduce((sum, row) => sum + Number(row[2]), 0);
    const broken = rows.filter((row) => row[4] !== 'held').length;
    const out = [
      '',
      `Hotdesk attack suite: ${rows.length} attacks, ${tried} requests or calls, ${broken} not held.` +
        ` fast-check seed ${seed} (replay or vary with HOTDESK_FUZZ_SEED=<n>).`,
      line(header),
      `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
      ...rows.map(line),
      '',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  }
}

export default defineConfig({
  test: {
    globalSetup: ['test/support/database-templates.ts'],
    setupFiles: ['test/attack-suite/fuzz-setup.ts'],
    provide: { fuzzSeed: seed },
    // Request logs would drown the table; the log-redaction attack captures them itself.
    env: { HOTDESK_LOG_LEVEL: 'silent' },
    reporters: ['default', new AttackTableReporter()],
    // Two files at a time: most of a test's time is spent waiting on PostgreSQL, so two workers
    // keep both cores busy (the default on a 2-core machine is one).
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: projectsOf('test/attack-suite'),
  },
});
