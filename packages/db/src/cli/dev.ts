import '@hotdesk/config/load-env-file';
import path from 'node:path';
import { createPrismaClient } from '../client';
import { clearDevDatabaseReady, markDevDatabaseReady } from '../dev-database';
import { DataDirInUseError } from '../embedded/data-dir-lock';
import { embeddedDataDir } from '../embedded/embedded-data-dir';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../embedded/embedded-database';
import { PortInUseError } from '../embedded/wire-server';
import { readDbEnv } from '../env';
import { findRepoRoot } from '../paths';
import { migrateDeploy } from '../migrations/migrate';
import { DEMO_PASSWORD, demoAccounts } from '../seed/demo-data';
import { seedDemoData } from '../seed/seed-demo';
import { assertReachable, CliError, redactUrl, runCli } from './cli-support';

/*
 * The db package's persistent `dev` task, run by `pnpm dev` beside the two apps: serves the
 * embedded database (or uses DATABASE_URL), migrates, seeds, tells the apps it is ready (they
 * wait for it: dev-database.ts), then stays up until Ctrl-C.
 */

async function prepare(url: string): Promise<{ applied: string[]; created: number }> {
  const applied = await migrateDeploy(url);
  const prisma = createPrismaClient({ url, max: 2 });
  try {
    const { created } = await seedDemoData(prisma);
    return { applied, created };
  } finally {
    await prisma.$disconnect();
  }
}

async function startEmbedded(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  try {
    return await startEmbeddedDatabase({ dataDir, port });
  } catch (error) {
    if (error instanceof PortInUseError) {
      throw new CliError(
        `Port ${port} is already in use, probably by the embedded database of another ` +
          '`pnpm dev`. Stop that one first, or set HOTDESK_EMBEDDED_DB_PORT to another port.',
      );
    }
    if (error instanceof DataDirInUseError) {
      throw new CliError(
        `${error.message}. Stop that process first (one database directory, one server).`,
      );
    }
    throw error;
  }
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      // A second Ctrl-C while closing means "now".
      process.once('SIGINT', () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function describeChanges({ applied, created }: { applied: string[]; created: number }): string {
  const migrations =
    applied.length === 0 ? 'schema up to date' : `${applied.length} migration(s) applied`;
  const seed = created === 0 ? 'demo data present' : `${created} demo rows seeded`;
  return `${migrations}, ${seed}`;
}

runCli(async () => {
  const env = readDbEnv();
  const signal = untilSignal();
  const signIn = `sign in as ${demoAccounts.owner.email} / ${DEMO_PASSWORD}`;

  if (env.databaseUrl !== undefined) {
    const url = env.databaseUrl;
    await assertReachable(url, 'Check DATABASE_URL, or unset it to use the embedded database.');
    const changes = await prepare(url);
    await markDevDatabaseReady(env.dataDir, url);
    console.info(`● Database ready at ${redactUrl(url)} (${describeChanges(changes)}); ${signIn}`);
    // Stays alive doing nothing: turbo runs this as a persistent task beside the apps.
    const keepAlive = setInterval(() => {}, 1 << 30);
    await signal;
    clearInterval(keepAlive);
    await clearDevDatabaseReady(env.dataDir);
    return 0;
  }

  const dataDir = embeddedDataDir(env);
  const database = await startEmbedded(dataDir, env.embeddedPort);
  try {
    const changes = await prepare(database.url);
    await markDevDatabaseReady(env.dataDir, database.url);
    const shownDir = path.relative(findRepoRoot(), dataDir) || dataDir;
    console.info(
      `● Embedded PostgreSQL ready at ${database.url} (data in ${shownDir}; ` +
        `${describeChanges(changes)}); ${signIn}`,
    );
    await signal;
    console.info('Stopping the embedded database…');
  } finally {
    await clearDevDatabaseReady(env.dataDir);
    await database.stop();
  }
  console.info('Embedded database stopped, data saved.');
  return 0;
});
