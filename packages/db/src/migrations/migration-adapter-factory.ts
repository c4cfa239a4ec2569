import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
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
    return withWholeScripts(withCharColumns(await new PrismaPg(pool).connect()), pool);
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

/**
 * PrismaPg runs a migration script statement by statement, split at every `;`, which cuts a
 * function body (the audit tables' trigger, in plpgsql) apart. Prisma's native engine sends the
 * whole script as one simple query, which PostgreSQL runs as one implicit transaction: so do
 * we, and a migration applies whole or not at all, as with `prisma migrate deploy`.
 */
function withWholeScripts(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      if (!(error instanceof pg.DatabaseError)) throw error;
      throw new DriverAdapterError({
        kind: 'postgres',
        code: error.code ?? 'N/A',
        severity: error.severity ?? 'N/A',
        message: error.message,
        detail: error.detail,
        column: error.column,
        hint: error.hint,
      });
    }
  };
  return adapter;
}
