/**
 * The system under test: a throwaway database on the PostgreSQL server and both apps from
 * their production builds (`next start`), as e2e/scripts/serve.ts starts them, on ports of
 * their own. Everything started here is stopped by `shutdown()`, also on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { generateAuditJwk, generateSigningJwk } from '@hotdesk/auth';
import { createTestDatabase, type TestDatabase } from '@hotdesk/db/testing';
import { seedBulkCoworkers } from '@hotdesk/db/tools';

import { log } from './log';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');

const HEALTH_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;
/** Away from dev (3000/3001), e2e (3100/3101) and the 32x0s people run by hand. */
export const PORTAL_PORT = 3280;
export const ADMIN_PORT = 3281;

export interface App {
  name: 'portal' | 'admin';
  port: number;
  url: string;
  dir: string;
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

export interface BenchDatabase {
  url: string;
  database: TestDatabase;
}

/**
 * A fresh database `hotdesk_test_<random>`: migrated, demo data, `coworkers` generated
 * coworkers, then ANALYZE so the planner sees the real table sizes from the first query (as
 * autovacuum would shortly after a bulk load in production). Dropped at shutdown.
 */
export async function createBenchDatabase(coworkers: number): Promise<BenchDatabase> {
  const started = Date.now();
  const database = await createTestDatabase({ seed: true });
  onShutdown(async () => {
    await database.drop();
    log(`dropped the database ${databaseName(database.url)}`);
  });
  log(`created ${databaseName(database.url)} (migrated, demo data)`);
  const bulk = await seedBulkCoworkers(database.url, { count: coworkers, batchSize: 5_000 });
  await database.prisma.$executeRawUnsafe('ANALYZE');
  log(
    `added ${bulk.coworkers} coworkers (${bulk.users} logins, ${bulk.teams} teams) and analysed ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { url: database.url, database };
}

export function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

export async function signingJwks(): Promise<string> {
  // Both apps share one signing key, so the portal accepts what either issues.
  return JSON.stringify({ keys: [await generateSigningJwk()] });
}

/** One audit key for both apps and the in-process floor: they append to one keyed chain. */
export function auditKeysDocument(): string {
  return JSON.stringify({ keys: [generateAuditJwk()] });
}

async function portFree(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1_000) });
    return false;
  } catch {
    return true;
  }
}

/** Starts both apps with `next start` and waits until they answer `/api/health`. */
export async function startApps(env: NodeJS.ProcessEnv): Promise<void> {
  for (const app of apps) {
    if (!(await portFree(app.port))) {
      throw new Error(`port ${app.port} (${app.name}) is in use: stop whatever listens there`);
    }
  }
  for (const app of apps) startApp(app, env);
  await Promise.all(apps.map(waitUntilHealthy));
}

function startApp(app: App, env: NodeJS.ProcessEnv) {
  // Next's own entry under this Node, not through pnpm: one process per app (`next-server`),
  // so its pid is the one whose memory is measured and the one to stop.
  const nextBin = createRequire(path.join(app.dir, 'package.json')).resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [nextBin, 'start', '--port', String(app.port)], {
    cwd: app.dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    app.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    app.output.splice(0, Math.max(0, app.output.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    console.error(`[bench] ${app.name} exited unexpectedly (code ${code}, signal ${signal}):`);
    console.error(app.output.join('\n'));
  });
  app.process = child;
  onShutdown(() => stopApp(app));
}

async function waitUntilHealthy(app: App) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (app.process && app.process.exitCode !== null) {
      throw new Error(`${app.name} exited while starting:\n${app.output.join('\n')}`);
    }
    try {
      const response = await fetch(`${app.url}/api/health`);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${app.name} did not become healthy at ${app.url}/api/health: ${last}`);
}

async function stopApp(app: App) {
  const child = app.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_TIMEOUT_MS, true)]);
  if (timedOut) child.kill('SIGKILL');
  log(`stopped ${app.name}`);
}
