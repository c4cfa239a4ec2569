// The runtime surface the apps bundle: client, environment and demo constants. Migration,
// seeding and the embedded database (WebAssembly, PGlite) live in `@hotdesk/db/tools` so
// they stay out of the apps' server bundles.
export * from './generated/prisma/client';
export { createPrismaClient, poolOf, type CreatePrismaClientOptions } from './client';
export { hotQuery } from './hot-query';
export { processWide } from './process-wide';
export {
  addDays,
  instantAt,
  isCalendarDay,
  isKnownTimeZone,
  localClockOf,
  localDayOf,
  type LocalClock,
  type LocalDay,
} from './time/local-time';
export { dbEnvOf, embeddedDatabaseUrl, readDbEnv, resolveDatabaseUrl, type DbEnv } from './env';
export {
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  demoAccounts,
  demoLocations,
  demoTeams,
  type DemoAccountKey,
  type DemoMember,
  type DemoOperator,
} from './seed/demo-data';
