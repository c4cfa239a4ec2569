import { PrismaPg } from '@prisma/adapter-pg';
import {
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { CatalogClient, withCharColumns } from './catalog-char-columns';

/**
 * The engine's connection to the database at `url`. Unlike PrismaPg's own factory, every pool
 * opened here is closed by `dispose()`, so a CLI exits as soon as its work is done.
 */
export class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly pools: pg.Pool[] = [];

  constructor(private readonly url: string) {}

  async connect(): Promise<SqlDriverAdapter> {
    const pool = new pg.Pool({ connectionString: this.url, max: 2, Client: CatalogClient });
    pool.on('error', () => {});
    this.pools.push(pool);
    return withCharColumns(await new PrismaPg(pool).connect());
  }

  /**
   * The engine replays migrations on a shadow database without the schema's preview features,
   * so it misses the extensions it created; we never ask it to (see withShadowDatabase).
   */
  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return Promise.reject(new Error('Shadow databases are created by withShadowDatabase'));
  }

  async dispose(): Promise<void> {
    await Promise.all(this.pools.splice(0).map((pool) => pool.end()));
  }
}
