import { poolOf } from './client';
import { type PrismaClient } from './generated/prisma/client';

/** A statement as the driver sent it: text with `$n` placeholders and its values. */
export interface SentStatement {
  text: string;
  values?: unknown[];
}

/**
 * The indexes PostgreSQL's plan for `statement` reads, by name, from its own `EXPLAIN`: what
 * tests assert about a query's shape and the benchmark reports beside its timings.
 */
export async function indexesInPlan(
  prisma: PrismaClient,
  statement: SentStatement,
): Promise<string[]> {
  const { rows } = await poolOf(prisma).query<{ 'QUERY PLAN': unknown }>(
    `EXPLAIN (FORMAT JSON) ${statement.text}`,
    statement.values ?? [],
  );
  const names = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record['Index Name'] === 'string') names.add(record['Index Name']);
    Object.values(record).forEach(visit);
  };
  visit(rows[0]?.['QUERY PLAN']);
  return [...names];
}
