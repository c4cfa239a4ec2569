import pg from 'pg';

/** One short-lived connection, for administrative statements. */
export async function withDatabase<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function isPGlite(url: string): Promise<boolean> {
  const { rows } = await withDatabase(url, (client) =>
    client.query<{ version: string }>('SELECT version()'),
  );
  return rows[0]?.version.includes('PGlite') ?? false;
}
