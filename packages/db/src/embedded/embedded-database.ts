import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { embeddedDatabaseUrl } from '../env';
import { lockDataDir } from './data-dir-lock';
import { PGliteWireServer } from './wire-server';

export interface EmbeddedDatabaseOptions {
  /** Directory PGlite persists to; omitted = in memory, gone when stopped. */
  dataDir?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /**
   * Client connections accepted at once. Two Next.js processes with a pool each plus the dev
   * task and a migration easily hold 30; they all share one backend anyway.
   */
  maxConnections?: number;
}

export interface EmbeddedDatabase {
  url: string;
  host: string;
  port: number;
  dataDir: string | undefined;
  /** Closes client connections, then PGlite (flushing it to disk). Safe to call twice. */
  stop(): Promise<void>;
}

export async function startEmbeddedDatabase(
  options: EmbeddedDatabaseOptions = {},
): Promise<EmbeddedDatabase> {
  const { dataDir, host = '127.0.0.1', maxConnections = 200 } = options;
  const server = new PGliteWireServer({ host, port: options.port ?? 0, maxConnections });
  const port = await server.listen();

  let unlock: () => void = () => {};
  let db: PGlite;
  try {
    if (dataDir) {
      unlock = lockDataDir(dataDir);
      mkdirSync(dataDir, { recursive: true });
    }
    db = await PGlite.create({
      dataDir: dataDir ?? 'memory://',
      extensions: { btree_gist, citext, pg_trgm },
    });
  } catch (error) {
    unlock();
    await server.close();
    throw error;
  }
  server.serve(db);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      try {
        await server.close();
        await db.close();
      } finally {
        unlock();
      }
    })();
    return stopping;
  };

  return { url: embeddedDatabaseUrl(port, host), host, port, dataDir, stop };
}
