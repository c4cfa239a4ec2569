export {
  createTestDatabase,
  prepareDatabase,
  type PrepareDatabaseOptions,
  type PreparedDatabase,
  type TestDatabase,
} from './test-database';
export { startEmbeddedDatabase, type EmbeddedDatabase } from '../embedded/embedded-database';
