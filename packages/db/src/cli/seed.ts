import '@hotdesk/config/load-env-file';
import { createPrismaClient } from '../client';
import { DEMO_PASSWORD, demoAccounts } from '../seed/demo-data';
import { seedDemoData } from '../seed/seed-demo';
import { redactUrl, runCli, withTargetDatabase } from './cli-support';

runCli(() => withTargetDatabase(seed));

async function seed(url: string): Promise<void> {
  const prisma = createPrismaClient({ url, max: 2 });
  try {
    const { created } = await seedDemoData(prisma);
    console.info(
      created === 0
        ? `✔ Demo data already present in ${redactUrl(url)}`
        : `✔ Seeded ${created} demo rows into ${redactUrl(url)}`,
    );
    console.info(`  Sign in as ${demoAccounts.owner.email} / ${DEMO_PASSWORD}`);
  } finally {
    await prisma.$disconnect();
  }
}
