import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { loadedEnvFile } from '@hotdesk/config/load-env-file';
import {
  getRuntime,
  logger,
  scheduleHousekeeping,
  settleAllLookRecording,
  settleAuditSealing,
  startViewNotices,
  type Runtime,
} from '@hotdesk/api/server';
import { dbEnvOf, resolveDatabaseUrl, type DbEnv } from '@hotdesk/db';
import { waitForDevDatabase } from '@hotdesk/db/dev-database';

import { portVariable, validateAppEnv } from './app-env';
import { createAppServer, type AppName } from './app-server';
import { DEV_MAIL_PORTS, smtpUrlOf } from './launcher/mail-catcher';
import { createNextServer, type NextServer } from './next-server';

const STOP_TIMEOUT_MS = 10_000;

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

/**
 * Runs one app: its Node server in front of Next.js, in development (`--dev`: Next's dev
 * server, after `pnpm dev`'s database task has migrated and seeded) or production (the
 * production build, against DATABASE_URL). `--port` overrides HOTDESK_<APP>_PORT. Stops
 * cleanly on SIGINT/SIGTERM.
 */
export async function runAppServer({ app, dir }: { app: AppName; dir: string }): Promise<void> {
  const { values } = parseArgs({
    options: { dev: { type: 'boolean', default: false }, port: { type: 'string' } },
  });
  const dev = values.dev ?? false;
  // Set, not read: before Next.js and React load (they pick their development or production
  // build by it) and before the settings are validated (production requires more of them).
  /* eslint-disable no-restricted-properties */
  Object.assign(process.env, { NODE_ENV: dev ? 'development' : 'production' });
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  // In development mail goes to `pnpm dev`'s catcher, unless the developer named a server.
  if (dev) process.env.SMTP_URL ||= smtpUrlOf(DEV_MAIL_PORTS.smtp);
  // PostgreSQL's pg_stat_activity names the app that holds each connection, unless the
  // deployment names them itself.
  process.env.PGAPPNAME ||= `hotdesk-${app}`;
  /* eslint-enable no-restricted-properties */

  let dbEnv: DbEnv;
  let port: number;
  let runtime: Runtime;
  try {
    // The whole configuration, once, before anything listens: a missing or bad setting stops
    // the app here, naming it, rather than failing every request of an app that looks up.
    const validated = validateAppEnv(app, values.port);
    dbEnv = dbEnvOf(validated.env);
    port = validated.port;
    runtime = await getRuntime();
  } catch (error) {
    fail(`${app}: ${(error as Error).message}`);
  }
  const ownUrl = app === 'portal' ? runtime.config.portalUrl : runtime.config.adminUrl;
  const nextModule = createRequire(path.join(dir, 'package.json'))('next') as unknown;

  let nextServer: NextServer | undefined;
  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const server = createAppServer({
    app,
    origin: new URL(ownUrl).origin,
    trustedProxyHops: runtime.config.trustedProxyHops,
    handleWithNext: async (req, res) => {
      if (!nextServer) throw new Error('Next.js is not prepared');
      await nextServer.handle(req, res);
    },
    ready,
  });
  server.once('error', (error: NodeJS.ErrnoException) => {
    fail(
      error.code === 'EADDRINUSE'
        ? `${app}: port ${port} is in use (another \`pnpm dev\`?). Stop it, or set ${portVariable(app)}.`
        : `${app}: ${error.message}`,
    );
  });
  server.listen(port);

  try {
    const database = dev ? devDatabaseReady(app, dbEnv) : Promise.resolve();
    const hostname = new URL(ownUrl).hostname;
    nextServer = await createNextServer(nextModule, {
      dev,
      dir,
      hostname,
      port,
      httpServer: server,
    });
    await database;
    settle?.resolve();
  } catch (error) {
    settle?.reject(error);
    fail(`${app}: could not start: ${(error as Error).message}`);
  }
  const housekeeper = scheduleHousekeeping(async () => runtime.db, runtime.config.housekeeping);
  // Both apps run it; the database lets one instance at a time do each part of the work.
  const viewNotices = startViewNotices(async () => runtime.db, runtime.config, runtime.keys);
  const envFile = loadedEnvFile?.applied.length
    ? `; ${loadedEnvFile.applied.length} setting(s) from ${path.basename(loadedEnvFile.path)}`
    : '';
  console.info(`● ${app} ready at ${ownUrl} (${dev ? 'development' : 'production'}${envFile})`);

  stopOnSignals(app, async () => {
    // No new connections; idle keep-alive ones close now, busy ones when their answer is sent
    // (or after a while, whatever they are doing).
    const force = setTimeout(() => server.closeAllConnections(), STOP_TIMEOUT_MS).unref();
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    await closed;
    clearTimeout(force);
    await housekeeper.stop();
    await viewNotices.stop();
    await nextServer?.close();
    // Reads served before the stop (pages' and REST's alike) are recorded before the exit, and
    // the events the process wrote are chained and checkpointed: a clean stop leaves no tail of
    // the chain that a checkpoint does not cover.
    await settleAllLookRecording();
    await settleAuditSealing(runtime.db);
    await runtime.db.$disconnect().catch(() => {});
  });
}

/** In development: once `pnpm dev`'s database task has migrated and seeded the database. */
function devDatabaseReady(app: AppName, dbEnv: DbEnv): Promise<void> {
  return waitForDevDatabase(dbEnv.dataDir, resolveDatabaseUrl(dbEnv), (seconds) =>
    console.info(
      `… ${app}: ${seconds} s waiting for the database to be migrated and seeded by ` +
        "pnpm dev's database task (started with the apps by `pnpm dev`)",
    ),
  );
}

/** Stops on SIGINT or SIGTERM, once; a second Ctrl-C while stopping means "now". */
function stopOnSignals(app: AppName, close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.once('SIGINT', () => process.exit(130));
    await close();
    logger.info('app.stopped', { app, signal });
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void stop(signal));
  process.once('SIGTERM', (signal) => void stop(signal));
}
