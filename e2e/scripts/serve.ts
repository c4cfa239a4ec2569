/**
 * Starts a fresh Hotdesk for one Playwright run: a throwaway migrated and seeded database, and
 * both apps from their production builds (`next start`). Notes the database's address in
 * DATABASE_URL_FILE for tests that arrange their own data, prints READY_MESSAGE once both apps
 * answer `/api/health`; on SIGINT/SIGTERM stops the apps and drops the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateAuditJwk, generateSigningJwk } from '@hotdesk/auth';
import { createTestDatabase, type TestDatabase } from '@hotdesk/db/testing';
import {
  ADMIN_PORT,
  ADMIN_URL,
  DATABASE_URL_FILE,
  PORTAL_PORT,
  PORTAL_URL,
  READY_MESSAGE,
  TOKEN_SECONDS,
} from '../support/system';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const HEALTH_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

interface App {
  name: 'portal' | 'admin';
  port: number;
  url: string;
  dir: string;
  process?: ChildProcess;
}

const apps: App[] = [
  { name: 'portal', port: PORTAL_PORT, url: PORTAL_URL, dir: path.join(repoRoot, 'apps/portal') },
  { name: 'admin', port: ADMIN_PORT, url: ADMIN_URL, dir: path.join(repoRoot, 'apps/admin') },
];

let database: TestDatabase | undefined;
let stopping: Promise<never> | undefined;

function log(message: string) {
  console.info(`[serve] ${message}`);
}

function assertBuilt(app: App) {
  if (!existsSync(path.join(app.dir, '.next', 'BUILD_ID'))) {
    throw new Error(
      `@hotdesk/${app.name} has no production build. Run \`pnpm turbo run test:e2e\` ` +
        `(it builds the apps first) or \`pnpm --filter @hotdesk/${app.name} build\`.`,
    );
  }
}

function startApp(app: App, env: NodeJS.ProcessEnv) {
  // Run Next's own entry with this Node, not through pnpm, so each app is one process to stop.
  const nextBin = createRequire(path.join(app.dir, 'package.json')).resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [nextBin, 'start', '--port', String(app.port)], {
    cwd: app.dir,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[serve] ${app.name} exited unexpectedly (code ${code}, signal ${signal})`);
    void stop(1);
  });
  app.process = child;
}

async function waitUntilHealthy(app: App) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
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
}

function stop(exitCode: number): Promise<never> {
  stopping ??= (async () => {
    log('stopping');
    await Promise.all(apps.map(stopApp));
    await rm(DATABASE_URL_FILE, { force: true });
    try {
      await database?.drop();
      if (database) log('dropped the database');
    } catch (error) {
      console.error('[serve] could not drop the database:', error);
      exitCode ||= 1;
    }
    process.exit(exitCode);
  })();
  return stopping;
}

async function main() {
  apps.forEach(assertBuilt);
  database = await createTestDatabase({ seed: true });
  log(`created the throwaway database ${new URL(database.url).pathname.slice(1)}`);
  await mkdir(path.dirname(DATABASE_URL_FILE), { recursive: true });
  await writeFile(DATABASE_URL_FILE, database.url);
  // Both apps share one signing key, so the portal accepts what the admin app issues, and one
  // audit key, so both key the one audit chain alike.
  const jwks = JSON.stringify({ keys: [await generateSigningJwk()] });
  const auditKeys = JSON.stringify({ keys: [generateAuditJwk()] });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: database.url,
    HOTDESK_PORTAL_URL: PORTAL_URL,
    HOTDESK_ADMIN_URL: ADMIN_URL,
    HOTDESK_JWKS: jwks,
    HOTDESK_IMPERSONATION_TOKEN_SECONDS: String(TOKEN_SECONDS),
    HOTDESK_AUDIT_KEYS: auditKeys,
  };
  for (const app of apps) startApp(app, env);
  await Promise.all(apps.map(waitUntilHealthy));
  log(`${READY_MESSAGE}: portal ${PORTAL_URL}, admin ${ADMIN_URL}`);
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

main().catch((error: unknown) => {
  console.error('[serve] failed to start:', error);
  void stop(1);
});
