/**
 * The system under test, started by the shared launcher (`@hotdesk/server/launcher`, as e2e
 * starts it): a throwaway database on the PostgreSQL server and both apps from their
 * production builds, each through its app server, on ports of their own. Everything started
 * here is stopped by `shutdown()`, also on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { type TestDatabase } from '@hotdesk/db/testing';
import { seedBulkCoworkers } from '@hotdesk/db/tools';
import { startSystem, type HotdeskSystem } from '@hotdesk/server/launcher';

import { log } from './log';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Away from dev (3000/3001), e2e (3100/3101) and the 32x0s people run by hand. */
export const PORTAL_PORT = 3280;
export const ADMIN_PORT = 3281;

export interface App {
  name: 'portal' | 'admin';
  port: number;
  url: string;
  dir: string;
  /** The app's one process (its app server with Next inside): the one whose memory counts. */
  process?: ChildProcess;
  /** The last lines the app printed, shown when it dies. */
  output: string[];
}

export const apps: App[] = [
  {
    name: 'portal',
    port: PORTAL_PORT,
    url: `http://localhost:${PORTAL_PORT}`,
    dir: path.join(repoRoot, 'apps/portal'),
    output: [],
  },
  {
    name: 'admin',
    port: ADMIN_PORT,
    url: `http://localhost:${ADMIN_PORT}`,
    dir: path.join(repoRoot, 'apps/admin'),
    output: [],
  },
];

export const [portal, admin] = apps as [App, App];

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];
let shuttingDown: Promise<void> | undefined;

/** Runs `cleanup` at shutdown, most recent first. */
export function onShutdown(cleanup: Cleanup): void {
  cleanups.unshift(cleanup);
}

export function shutdown(): Promise<void> {
  shuttingDown ??= (async () => {
    for (const cleanup of cleanups.splice(0)) {
      try {
        await cleanup();
      } catch (error) {
        console.error('[bench] cleanup failed:', error);
      }
    }
  })();
  return shuttingDown;
}

/** Ctrl-C (or a kill) stops the apps and drops the database before exiting. */
export function installSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the apps and dropping the database`);
      void shutdown().finally(() => process.exit(130));
    });
  }
  // Last resort when the process ends any other way: never leave an app behind.
  process.once('exit', () => {
    for (const app of apps) app.process?.kill('SIGKILL');
  });
}

/** Newest modification time under `dir`, skipping build output and dependencies. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', '.next', '.turbo', 'generated'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether each app has a production build at least as new as the code it is built from. */
export function buildState(): { missing: string[]; stale: string[] } {
  const sources = ['packages/api/src', 'packages/auth/src', 'packages/db/src', 'prisma'].map(
    (dir) => newestMtime(path.join(repoRoot, dir)),
  );
  const missing: string[] = [];
  const stale: string[] = [];
  for (const app of apps) {
    const buildId = path.join(app.dir, '.next', 'BUILD_ID');
    if (!existsSync(buildId)) {
      missing.push(app.name);
      continue;
    }
    const newestSource = Math.max(...sources, newestMtime(path.join(app.dir, 'src')));
    if (newestSource > statSync(buildId).mtimeMs) stale.push(app.name);
  }
  return { missing, stale };
}

/** `pnpm turbo run build` for both apps (turbo replays it from its cache when nothing changed). */
export async function buildApps(): Promise<void> {
  log('building both apps: pnpm turbo run build --filter=@hotdesk/admin --filter=@hotdesk/portal');
  const child = spawn(
    'pnpm',
    ['turbo', 'run', 'build', '--filter=@hotdesk/admin', '--filter=@hotdesk/portal'],
    { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  onShutdown(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the build failed (exit code ${code})`);
}

export function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

export interface BenchSystem {
  database: TestDatabase;
  /** The key set both apps sign and verify with. */
  jwks: string;
  /** The audit chain's keys both apps seal with, as JSON. */
  auditKeys: string;
}

/**
 * A fresh database `hotdesk_test_<random>`: migrated, demo data, `coworkers` generated
 * coworkers (with their bookings, invoices and the rest when `memberContent`), then VACUUM (ANALYZE), as autovacuum would shortly after a bulk load in
 * production: the planner sees the real table sizes from the first query, and index-only scans
 * read no table pages (figures taken before autovacuum's pass would depend on when it ran);
 * then both apps with `appEnv`,
 * answering `/api/health`. Stopped and dropped at shutdown.
 */
export async function startBenchSystem(
  coworkers: number,
  appEnv: Record<string, string>,
  { memberContent }: { memberContent: boolean },
): Promise<BenchSystem> {
  const system: HotdeskSystem = await startSystem({
    registerStop: (stop) =>
      onShutdown(async () => {
        await stop();
        for (const app of apps) if (app.process) log(`stopped ${app.name}`);
      }),
    instances: apps.map((app) => ({ app: app.name, port: app.port })),
    env: appEnv,
    prepareDatabase: async (database) => {
      const started = Date.now();
      const bulk = await seedBulkCoworkers(database.url, {
        count: coworkers,
        batchSize: 5_000,
        memberContent,
      });
      await database.prisma.$executeRawUnsafe('VACUUM (ANALYZE)');
      const content = memberContent
        ? `, ${bulk.bookings} bookings, ${bulk.invoices} invoices; ${bulk.rows} rows in all`
        : '';
      log(
        `added ${bulk.coworkers} coworkers (${bulk.users} logins, ${bulk.teams} teams${content}) ` +
          `and vacuumed and analysed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
    onOutput: (name, line) => {
      const app = apps.find((candidate) => candidate.name === name);
      app?.output.push(line);
      app?.output.splice(0, Math.max(0, app.output.length - 40));
    },
    onUnexpectedExit: (name, output) => {
      console.error(`[bench] ${name} exited unexpectedly:\n${output.join('\n')}`);
    },
    log,
  });
  for (const app of apps) app.process = system.instance(app.name).process;
  return { database: system.database, jwks: system.jwks, auditKeys: system.auditKeys };
}
