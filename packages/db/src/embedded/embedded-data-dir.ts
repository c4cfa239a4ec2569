import path from 'node:path';
import { type DbEnv } from '../env';

/** Where `pnpm dev` keeps the embedded database: `<HOTDESK_DATA_DIR>/pglite`. */
export function embeddedDataDir(env: Pick<DbEnv, 'dataDir'>): string {
  return path.join(env.dataDir, 'pglite');
}
