export {
  createMigration,
  diffSchemaAgainstDatabase,
  migrateDeploy,
  resetDatabase,
  type CreatedMigration,
  type MigrationPaths,
} from './migrations/migrate';
export { MigrationError } from './migrations/schema-engine';
export { seedDemoData, type DemoSeedResult } from './seed/seed-demo';
export {
  seedBulkCoworkers,
  type BulkSeedOptions,
  type BulkSeedProgress,
  type BulkSeedResult,
} from './seed/bulk/seed-bulk';
export { indexesInPlan, type SentStatement } from './plan-indexes';
