import { createPrismaClient } from '../client';
import { migrateDeploy } from '../migrations/migrate';
import { seedDemoData } from '../seed/seed-demo';

export interface PrepareDatabaseOptions {
  /** Also load the demo data (DESIGN.md). */
  seed?: boolean;
}

export interface PreparedDatabase {
  appliedMigrations: string[];
  seededRows: number;
}

/** Migrates the database at `url` and optionally seeds it; for scripts such as the e2e runner. */
export async function prepareDatabase(
  url: string,
  { seed = false }: PrepareDatabaseOptions = {},
): Promise<PreparedDatabase> {
  const appliedMigrations = await migrateDeploy(url);
  let seededRows = 0;
  if (seed) {
    const prisma = createPrismaClient({ url, max: 2 });
    try {
      seededRows = (await seedDemoData(prisma)).created;
    } finally {
      await prisma.$disconnect();
    }
  }
  return { appliedMigrations, seededRows };
}
