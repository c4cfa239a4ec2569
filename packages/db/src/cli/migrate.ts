import '@hotdesk/config/load-env-file';
import { createPrismaClient } from '../client';
import { startEmbeddedDatabase } from '../embedded/embedded-database';
import { readDbEnv, resolveDatabaseUrl } from '../env';
import { createMigration, migrateDeploy, resetDatabase } from '../migrations/migrate';
import { seedDemoData } from '../seed/seed-demo';
import { CliError, isReachable, redactUrl, runCli, withTargetDatabase } from './cli-support';

const USAGE = 'Usage: migrate deploy | new <name> | reset';

runCli(async () => {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'deploy':
      return withTargetDatabase(deploy);
    case 'new':
      return newMigration(args.join(' ').trim());
    case 'reset':
      return withTargetDatabase(reset);
    default:
      throw new CliError(USAGE);
  }
});

async function deploy(url: string): Promise<void> {
  const applied = await migrateDeploy(url);
  console.info(
    applied.length === 0
      ? `✔ ${redactUrl(url)} is up to date`
      : `✔ Applied ${applied.length} migration(s) to ${redactUrl(url)}:\n${list(applied)}`,
  );
}

async function reset(url: string): Promise<void> {
  // Wipes all data: never against a production environment.
  if (readDbEnv().production) {
    throw new CliError('Refusing to reset a database with NODE_ENV=production');
  }
  await resetDatabase(url);
  console.info(`✔ Reset ${redactUrl(url)}`);
  await deploy(url);
  const prisma = createPrismaClient({ url, max: 2 });
  try {
    const { created } = await seedDemoData(prisma);
    console.info(`✔ Seeded the demo data (${created} rows)`);
  } finally {
    await prisma.$disconnect();
  }
}

async function newMigration(name: string): Promise<void> {
  if (!name) throw new CliError('Usage: migrate new <name>   (e.g. pnpm db:migrate:new add_desks)');
  const env = readDbEnv();
  const url = resolveDatabaseUrl(env);
  // Only a scratch "shadow" database is needed: without a server, a private in-memory one.
  const scratch =
    env.databaseUrl === undefined && !(await isReachable(url))
      ? await startEmbeddedDatabase()
      : undefined;
  try {
    const migration = await createMigration(scratch?.url ?? url, name);
    if (migration === null) {
      console.info('✔ No changes: schema.prisma matches the migrations');
      return;
    }
    console.info(`✔ Created ${migration.directory}/migration.sql`);
    console.info('  Review it, then apply it with `pnpm db:migrate` (or restart `pnpm dev`).');
  } finally {
    await scratch?.stop();
  }
}

function list(names: string[]): string {
  return names.map((name) => `  • ${name}`).join('\n');
}
