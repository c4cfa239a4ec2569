export { createTestDatabase, type TestDatabase } from './test-database';
export {
  prepareDatabase,
  type PrepareDatabaseOptions,
  type PreparedDatabase,
} from './prepare-database';
export { prepareTestDatabaseTemplates } from './test-database-templates';
export { startEmbeddedDatabase, type EmbeddedDatabase } from '../embedded/embedded-database';
