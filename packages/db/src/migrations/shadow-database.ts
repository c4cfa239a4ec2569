import { randomUUID } from 'node:crypto';
import { isPGlite, withDatabase } from './postgres-server';

/**
 * Runs `work` against a fresh, empty database next to the one at `url`, then drops it.
 *
 * PGlite accepts CREATE DATABASE but serves every connection from its one database, so a
 * "shadow database" there would be the real one: it gets a private in-memory PGlite instead.
 */
export async function withShadowDatabase<T>(
  url: string,
  work: (shadowUrl: string) => Promise<T>,
): Promise<T> {
  if (await isPGlite(url)) {
    const { startEmbeddedDatabase } = await import('../embedded/embedded-database');
    const shadow = await startEmbeddedDatabase();
    try {
      return await work(shadow.url);
    } finally {
      await shadow.stop();
    }
  }
  const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
  await withDatabase(url, (client) => client.query(`CREATE DATABASE "${name}"`));
  try {
    const shadowUrl = new URL(url);
    shadowUrl.pathname = `/${name}`;
    return await work(shadowUrl.toString());
  } finally {
    await withDatabase(url, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    );
  }
}
