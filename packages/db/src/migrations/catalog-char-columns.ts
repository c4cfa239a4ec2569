import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQueryable,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';

/*
 * The schema engine reads pg_catalog columns of Postgres' internal one-byte `"char"` type
 * (relkind, contype, …) and expects them as single characters. @prisma/adapter-pg knows no
 * column type for `"char"` and fails the whole query. So the engine's pg client reports such
 * a column as `text` with a marked name, and the adapter wrapper turns the marked columns
 * back into `Character` columns. Only the migration engine's connections are affected.
 */

const CHAR_OID = 18;
const TEXT_OID = 25;
const MARK = '\u0000char';

type QueryResultLike = { fields?: Array<{ dataTypeID: number; name: string }> };

function markCharColumns(result: QueryResultLike | undefined): void {
  for (const field of result?.fields ?? []) {
    if (field.dataTypeID === CHAR_OID) {
      field.dataTypeID = TEXT_OID;
      field.name += MARK;
    }
  }
}

export class CatalogClient extends pg.Client {}

const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;

// pg-pool calls `query(text, values, callback)`; a checked-out client returns a promise.
CatalogClient.prototype.query = function catalogQuery(this: pg.Client, ...args: unknown[]) {
  const last = args.at(-1);
  if (typeof last === 'function') {
    args[args.length - 1] = (error: unknown, result: QueryResultLike) => {
      markCharColumns(result);
      (last as (error: unknown, result: unknown) => void)(error, result);
    };
  }
  const result = query.apply(this, args);
  if (result instanceof Promise) {
    return result.then((value: QueryResultLike) => {
      markCharColumns(value);
      return value;
    });
  }
  return result;
} as typeof pg.Client.prototype.query;

function restoreCharColumns(result: SqlResultSet): SqlResultSet {
  result.columnNames.forEach((name, index) => {
    if (name.endsWith(MARK)) {
      result.columnNames[index] = name.slice(0, -MARK.length);
      result.columnTypes[index] = ColumnTypeEnum.Character;
    }
  });
  return result;
}

function patchQueryRaw<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (sqlQuery) => restoreCharColumns(await queryRaw(sqlQuery));
  return queryable;
}

export function withCharColumns(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) =>
    patchQueryRaw(await startTransaction(isolationLevel));
  return patchQueryRaw(adapter);
}
