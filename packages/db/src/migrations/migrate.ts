import path from 'node:path';
import { defaultMigrationsDir, defaultSchemaPath } from '../paths';
import { loadMigrationList, writeMigration } from './migration-files';
import { withSchemaEngine } from './schema-engine';
import { withShadowDatabase } from './shadow-database';

export interface MigrationPaths {
  /** Defaults to `<repo>/prisma/schema.prisma`. */
  schemaPath?: string;
  /** Defaults to `<repo>/prisma/migrations`. */
  migrationsDir?: string;
  onLog?: (line: string) => void;
}

const NO_EXTERNAL_OBJECTS = { externalTables: [], externalEnums: [] };

function resolvePaths(options: MigrationPaths) {
  return {
    schemaPath: options.schemaPath ?? defaultSchemaPath(),
    migrationsDir: options.migrationsDir ?? defaultMigrationsDir(),
    onLog: options.onLog,
  };
}

/** `prisma migrate deploy`: applies pending migrations, recorded in `_prisma_migrations`. */
export async function migrateDeploy(url: string, options: MigrationPaths = {}): Promise<string[]> {
  const { schemaPath, migrationsDir, onLog } = resolvePaths(options);
  const migrationsList = await loadMigrationList(migrationsDir);
  return withSchemaEngine({ url, schemaPath, onLog }, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList,
      filters: NO_EXTERNAL_OBJECTS,
    });
    return appliedMigrationNames;
  });
}

export interface CreatedMigration {
  name: string;
  directory: string;
  script: string;
}

/**
 * `prisma migrate dev --create-only`: writes the SQL that takes the migration history to
 * schema.prisma as a new migration folder; `null` when there is nothing to migrate. The
 * history is replayed on a shadow database beside `url`; the database at `url` is untouched.
 */
export async function createMigration(
  url: string,
  name: string,
  options: MigrationPaths & { now?: Date } = {},
): Promise<CreatedMigration | null> {
  const paths = resolvePaths(options);
  const migrationName = `${migrationTimestamp(options.now ?? new Date())}_${slugify(name)}`;
  // Not the engine's createMigration: through a driver adapter it has no shadow database.
  // Not a diff from the migrations folder either: its shadow replay ignores preview features
  // and so "forgets" the extensions. We replay the history ourselves and diff that database.
  const script = await withShadowDatabase(url, async (shadowUrl) => {
    await migrateDeploy(shadowUrl, paths);
    return diffSchemaAgainstDatabase(shadowUrl, paths);
  });
  if (script === '') return null;
  const migrationsList = await loadMigrationList(paths.migrationsDir);
  const directory = await writeMigration(migrationsList, { name: migrationName, script });
  return { name: migrationName, directory, script };
}

/** Prisma's folder names: UTC `YYYYMMDDHHMMSS_snake_name`, so both tools sort them alike. */
function migrationTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function slugify(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!slug) throw new Error('A migration needs a name made of letters or digits');
  return slug.slice(0, 200);
}

/** Drops every table, type and extension of the database's schema (data included). */
export async function resetDatabase(url: string, options: MigrationPaths = {}): Promise<void> {
  const { schemaPath, onLog } = resolvePaths(options);
  await withSchemaEngine({ url, schemaPath, onLog }, (engine) =>
    engine.reset({ filter: NO_EXTERNAL_OBJECTS }),
  );
}

/** The SQL that would bring the database to schema.prisma; empty when there is no drift. */
export async function diffSchemaAgainstDatabase(
  url: string,
  options: MigrationPaths = {},
): Promise<string> {
  const { schemaPath, onLog } = resolvePaths(options);
  return withSchemaEngine({ url, schemaPath, onLog }, async (engine, schema) => {
    const { stdout } = await engine.diff({
      // "The datasource's database": through the adapter, that is the one at `url`.
      from: { tag: 'schemaDatasource', files: [schema], configDir: path.dirname(schemaPath) },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_EXTERNAL_OBJECTS,
    });
    return isEmptyScript(stdout ?? '') ? '' : (stdout ?? '');
  });
}

/** An empty diff script still carries the engine's "-- This is an empty migration." comment. */
function isEmptyScript(script: string): boolean {
  return script
    .split('\n')
    .map((line) => line.trim())
    .every((line) => line === '' || line.startsWith('--'));
}
