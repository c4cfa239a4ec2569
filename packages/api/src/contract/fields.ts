import { z } from 'zod';

const maxInt4 = 2_147_483_647;

/** Ids are Postgres `integer`s: anything beyond is refused here, not by the database. */
export const recordId = z
  .int('must be a positive integer')
  .min(1, 'must be a positive integer')
  .max(maxInt4, 'is out of range');

/**
 * REST query and path parameters arrive as text; each is read as the number its schema takes
 * and documented as that number (rest/openapi.ts asks this registry).
 */
export const readAsNumber = z.registry<{ number: unknown }>();

/** Digits only: `1e3`, `0x1F`, ` 1` and `+1` are not how anyone writes an id. */
export function numberText<T extends z.core.$ZodType<unknown, number>>(
  number: T,
  read: (digits: string) => number = Number,
) {
  const text = z
    .string({ error: 'is required' })
    .regex(/^\d+$/, 'must be a positive integer')
    .transform(read)
    .pipe(number);
  readAsNumber.add(text, { number });
  return text;
}

/** A record id arriving as text (REST path or query). */
export const recordIdText = numberText(recordId);

// Deeper pages cost an ever larger OFFSET and nobody reads them.
export const pageNumber = z
  .int('must be a positive integer')
  .min(1, 'must be a positive integer')
  .max(100_000, 'must be at most 100000');
export const pageSize = z
  .int('must be a positive integer')
  .min(1, 'must be a positive integer')
  .max(100, 'must be at most 100');

const defaultPageSize = 25;

/** Paging of the apps' lists (tRPC). */
export const pageInput = {
  page: pageNumber.default(1),
  pageSize: pageSize.default(defaultPageSize),
};

/** The same paging in the REST contract's words (query text). */
export const pageQuery = {
  _page: numberText(pageNumber).default(1).meta({ description: 'Page number, from 1.' }),
  _pageSize: numberText(pageSize)
    .default(defaultPageSize)
    .meta({ description: `Per page (${defaultPageSize} unless given).` }),
};
