/**
 * Vitest global setup: the run's template databases, from which every test file's throwaway
 * database is copied instead of being migrated and seeded again.
 */
import { prepareTestDatabaseTemplates } from '@hotdesk/db/testing';

export default prepareTestDatabaseTemplates;
