import { Prisma } from '@hotdesk/db';

import { escapeLike } from '../text-search';
import { type CustomerSort, type SortPosition } from './search-cursor';

const { sql, join, raw } = Prisma;

export interface SearchFilters {
  /** The locations the operator may see (already narrowed by the location switcher). */
  locations: 'all' | number[];
  active?: boolean;
  teamId?: number;
}

/** The order rows are read in: a "previous page" reads the list's order backwards. */
export type ReadDirection = 'asc' | 'desc';

export interface Seek {
  sort: CustomerSort;
  direction: ReadDirection;
  /** Read the rows after this one, in `direction`. */
  from?: SortPosition;
  limit: number;
}

function filterConditions({ locations, active, teamId }: SearchFilters): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (locations !== 'all') {
    conditions.push(
      locations.length === 1
        ? sql`c."locationId" = ${locations[0]}::int`
        : sql`c."locationId" = ANY(${locations}::int[])`,
    );
  }
  if (active !== undefined) conditions.push(sql`c.active = ${active}`);
  if (teamId !== undefined) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM "TeamMember" m WHERE m."coworkerId" = c.id AND m."teamId" = ${teamId}::int)`,
    );
  }
  return conditions;
}

/**
 * "Name or e-mail contains the term, whatever the case": `searchText` is both, lower-cased by
 * PostgreSQL, which is how ILIKE compares in a UTF-8 database, so the results are ILIKE's. The
 * LIKE on `needle` is what the trigram index answers; `strpos` checks the whole term when the
 * needle is only a part of it. The needle of an e-mail address is the part before the @: a
 * domain's trigrams sit in most rows, and reading them all from the index cost more than the
 * search itself (docs/benchmarks.md).
 */
export function matchCondition(term: string): Prisma.Sql {
  // `searchText` joins name and e-mail with a line break: a term holding one must not match
  // across the two, so it is checked field by field (never typed in the search box).
  if (term.includes('\n')) {
    return sql`(strpos(lower(c."fullName"), lower(${term})) > 0
      OR strpos(lower(COALESCE(c.email, '')), lower(${term})) > 0)`;
  }
  const local = term.split('@')[0] ?? '';
  const needle = term.includes('@') && local.length >= 3 ? local : term;
  const like = sql`c."searchText" LIKE ('%' || lower(${escapeLike(needle)}) || '%')`;
  return needle === term ? like : sql`(${like} AND strpos(c."searchText", lower(${term})) > 0)`;
}

/** The sort key of each sort, then the id. */
function sortKey(sort: CustomerSort): Prisma.Sql[] {
  const id = sql`c.id`;
  if (sort === 'name') return [sql`c."fullName"`, id];
  if (sort === 'created') return [sql`c."createdAt"`, id];
  // No e-mail is sorted as PostgreSQL sorts NULL: last going up, first going down.
  return [sql`(c.email IS NULL)`, sql`COALESCE(c.email, '')`, id];
}

function positionValues(position: SortPosition): Prisma.Sql[] {
  const id = sql`${position.id}::int`;
  if (position.sort === 'name') return [sql`${position.fullName}::text`, id];
  if (position.sort === 'created') {
    return [sql`${position.createdAt.toISOString()}::timestamp(3)`, id];
  }
  return [sql`${position.email === null}::boolean`, sql`${position.email ?? ''}::text`, id];
}

function seekConditions(seek: Seek): Prisma.Sql[] {
  if (!seek.from) return [];
  const operator = raw(seek.direction === 'asc' ? '>' : '<');
  return [sql`(${join(sortKey(seek.sort))}) ${operator} (${join(positionValues(seek.from))})`];
}

function orderBy(seek: Seek): Prisma.Sql {
  const direction = raw(seek.direction === 'asc' ? 'ASC' : 'DESC');
  return join(
    sortKey(seek.sort).map((key) => sql`${key} ${direction}`),
    ', ',
  );
}

const where = (conditions: Prisma.Sql[]) =>
  conditions.length > 0 ? join(conditions, ' AND ') : sql`TRUE`;

/** Without a term: the page straight from the sort's index, whatever the table's size. */
export function orderedPageStatement(filters: SearchFilters, seek: Seek): Prisma.Sql {
  if (seek.sort === 'email') return emailOrderedPageStatement(filters, seek);
  return sql`SELECT c.id FROM "Coworker" c
    WHERE ${where([...filterConditions(filters), ...seekConditions(seek)])}
    ORDER BY ${orderBy(seek)} LIMIT ${seek.limit}::int`;
}

/**
 * The list by e-mail from `Coworker_email_order_idx` (email, id), read as two runs: the rows
 * with an address and those without, in the order PostgreSQL sorts NULL (last going up, first
 * going down). A cursor stands in one run; the run before it is already behind.
 */
function emailOrderedPageStatement(filters: SearchFilters, seek: Seek): Prisma.Sql {
  const up = seek.direction === 'asc';
  const direction = raw(up ? 'ASC' : 'DESC');
  const operator = raw(up ? '>' : '<');
  const from = seek.from?.sort === 'email' ? seek.from : undefined;
  const filtered = filterConditions(filters);
  const run = (conditions: Prisma.Sql[]) =>
    sql`SELECT c.id, c.email FROM "Coworker" c WHERE ${where([...filtered, ...conditions])}
      ORDER BY c.email ${direction}, c.id ${direction} LIMIT ${seek.limit}::int`;
  const withAddress = run([
    sql`c.email IS NOT NULL`,
    ...(from && from.email !== null
      ? [sql`(c.email, c.id) ${operator} (${from.email}::text, ${from.id}::int)`]
      : []),
  ]);
  const withoutAddress = run([
    sql`c.email IS NULL`,
    ...(from && from.email === null ? [sql`c.id ${operator} ${from.id}::int`] : []),
  ]);
  // A run the cursor has already left behind is not read.
  const inRunWithout = from !== undefined && from.email === null;
  const inRunWith = from !== undefined && from.email !== null;
  const runs = up
    ? [...(inRunWithout ? [] : [withAddress]), withoutAddress]
    : [...(inRunWith ? [] : [withoutAddress]), withAddress];
  const numbered = runs.map(
    (statement, index) => sql`SELECT id, ${index}::int AS run, email FROM (${statement}) AS r`,
  );
  return sql`SELECT id FROM (${join(numbered, ' UNION ALL ')}) AS page
    ORDER BY run, email ${direction}, id ${direction} LIMIT ${seek.limit}::int`;
}

/**
 * The trigram index finds every match; the matches are sorted and the page taken. The matches
 * are found in a subquery of their own (`OFFSET 0` keeps the planner from merging it): asked
 * for the page in name order directly, it would read the name index in order and filter, which
 * takes seconds when the matches sit late in the alphabet.
 */
export function matchedPageStatement(filters: SearchFilters, term: string, seek: Seek) {
  return sql`SELECT c.id FROM (
      SELECT c.id, c."fullName", c."createdAt", c.email FROM "Coworker" c
      WHERE ${where([...filterConditions(filters), matchCondition(term), ...seekConditions(seek)])}
      OFFSET 0
    ) AS c
    ORDER BY ${orderBy(seek)} LIMIT ${seek.limit}::int`;
}

/**
 * The text after the first character of the name and of the address (a line break between,
 * as in `searchText`), lower-cased: a term is in a row's name or address either at the start of
 * one of them or in here. Indexed by `Coworker_searchTail_trgm_idx`, whose expression this must
 * repeat exactly (migration `customer_search_by_prefix`).
 */
const searchTail = sql`(lower(substr(c."fullName", 2)) || E'\\n' || lower(substr(COALESCE(c.email, ''), 2)))`;

/** A term looked up by its first three characters (`Coworker_name_prefix_idx`, ...). */
export const hasPrefixKey = (term: string) => Array.from(term).length >= 3 && !term.includes('\n');

/**
 * Where a term (`hasPrefixKey`) can sit, as three sets of rows that together are its matches:
 * names that start with it, addresses that start with it, and names or addresses that hold it
 * further in. The first two are read in name order from `Coworker_name_prefix_idx` and
 * `Coworker_email_prefix_idx` ((first three letters, lower-cased), name, id), however many rows
 * share the prefix; the third from the trigram index over `searchTail`, which holds a first
 * name's letters only where they appear inside a name or address.
 */
function matchParts(term: string): Record<'nameStarts' | 'emailStarts' | 'inside', Prisma.Sql> {
  const prefix = sql`lower(left(${term}::text, 3))`;
  const lowered = sql`lower(${term}::text)`;
  return {
    nameStarts: sql`lower(left(c."fullName", 3)) = ${prefix}
      AND starts_with(lower(c."fullName"), ${lowered})`,
    emailStarts: sql`lower(left(c.email, 3)) = ${prefix} AND starts_with(lower(c.email), ${lowered})`,
    inside: sql`${searchTail} LIKE ('%' || lower(${escapeLike(term)}) || '%')`,
  };
}

/**
 * The page of a term with a prefix key, as the merge of the first page of each part of its
 * matches (`matchParts`). The ~10,000 rows of one first name sit together late in name order,
 * where neither the walk nor the trigram index over `searchText` reaches them cheaply; here
 * they are the first two parts, read in order, and the third part, sorted, is small. Still
 * slow: letters inside a common first name ("tha" of Ethan), whose rows the third part sorts.
 */
export function prefixedPageStatement(filters: SearchFilters, term: string, seek: Seek) {
  const conditions = [...filterConditions(filters), ...seekConditions(seek)];
  const { nameStarts, emailStarts, inside } = matchParts(term);
  const page = (matching: Prisma.Sql) =>
    sql`SELECT c.id, c."fullName" FROM "Coworker" c WHERE ${where([...conditions, matching])}
      ORDER BY ${orderBy(seek)} LIMIT ${seek.limit}::int`;
  // `OFFSET 0` as in `matchedPageStatement`: the matches first, then their order.
  const sorted = sql`SELECT c.id, c."fullName" FROM (
      SELECT c.id, c."fullName" FROM "Coworker" c WHERE ${where([...conditions, inside])} OFFSET 0
    ) AS c ORDER BY ${orderBy(seek)} LIMIT ${seek.limit}::int`;
  return sql`SELECT c.id FROM ((${page(nameStarts)}) UNION (${page(emailStarts)}) UNION (${sorted})) AS c
    ORDER BY ${orderBy(seek)} LIMIT ${seek.limit}::int`;
}

export interface WalkResult {
  /** Rows read in name order, up to the budget. */
  walked: number;
  /** The matches among them, in order, up to the page's limit. */
  ids: number[];
  /** The last row read: where a search that goes on must start. */
  lastName: string | null;
  lastId: number | null;
}

/**
 * Reads up to `budget` rows in name order from the index that holds name, id, location, status
 * and `searchText` (no table access) and keeps those containing the term. A common term fills
 * the page within the first few hundred rows; a rare one is left to the trigram index.
 */
export function walkedPageStatement(
  filters: SearchFilters,
  term: string,
  seek: Seek,
  budget: number,
): Prisma.Sql {
  const direction = raw(seek.direction === 'asc' ? 'ASC' : 'DESC');
  const backwards = raw(seek.direction === 'asc' ? 'DESC' : 'ASC');
  return sql`WITH walked AS MATERIALIZED (
      SELECT c.id, c."fullName", c."searchText" FROM "Coworker" c
      WHERE ${where([...filterConditions(filters), ...seekConditions(seek)])}
      ORDER BY ${orderBy(seek)} LIMIT ${budget}::int
    ), hits AS (
      SELECT id, "fullName" FROM walked WHERE strpos("searchText", lower(${term})) > 0
      ORDER BY "fullName" ${direction}, id ${direction} LIMIT ${seek.limit}::int
    )
    SELECT (SELECT count(*)::int FROM walked) AS walked,
      (SELECT COALESCE(array_agg(id ORDER BY "fullName" ${direction}, id ${direction}), '{}')
         FROM hits) AS ids,
      last."fullName" AS "lastName", last.id AS "lastId"
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT "fullName", id FROM walked ORDER BY "fullName" ${backwards}, id ${backwards} LIMIT 1
    ) AS last ON TRUE`;
}

/** How many rows match, counted up to `cap + 1`: the pager says "1,000+", never counts 1M. */
export function cappedCountStatement(
  filters: SearchFilters,
  term: string | undefined,
  cap: number,
): Prisma.Sql {
  if (term && hasPrefixKey(term) && !term.includes('@') && filters.teamId === undefined) {
    return cappedPrefixedCountStatement(filters, term, cap);
  }
  const conditions = [...filterConditions(filters), ...(term ? [matchCondition(term)] : [])];
  return sql`SELECT count(*)::int AS count FROM (
      SELECT 1 FROM "Coworker" c WHERE ${where(conditions)} LIMIT ${cap + 1}::int
    ) AS capped`;
}

/**
 * The count by the parts of the matches (`matchParts`), each up to `cap + 1`: a first name's
 * letters are counted past the cap from the name's prefix index alone, without the table; a
 * term that is not at the start of many names counts its three parts together. (The count of
 * an address goes to `searchText`: its domain's trigrams are in most rows' tails. A team
 * starts from its few members.)
 */
function cappedPrefixedCountStatement(filters: SearchFilters, term: string, cap: number) {
  const filtered = filterConditions(filters);
  const { nameStarts, emailStarts, inside } = matchParts(term);
  const capped = (matching: Prisma.Sql) =>
    sql`SELECT c.id FROM "Coworker" c WHERE ${where([...filtered, matching])} LIMIT ${cap + 1}::int`;
  return sql`SELECT (CASE
      WHEN (SELECT count(*) FROM (${capped(nameStarts)}) AS names) > ${cap}::int THEN ${cap + 1}::int
      ELSE (SELECT count(*) FROM (
        (${capped(nameStarts)}) UNION (${capped(emailStarts)}) UNION (${capped(inside)})
      ) AS matches)
    END)::int AS count`;
}

/** What the list shows of each customer on the page. */
export function pageRowsStatement(ids: number[]): Prisma.Sql {
  return sql`SELECT c.id, c."fullName", c.email, c."companyName", c.active, c.type::text AS type,
      c."createdAt", json_build_object('id', l.id, 'name', l.name) AS location,
      (c."userId" IS NOT NULL) AS "hasLogin",
      EXISTS (SELECT 1 FROM "OperatorRole" r WHERE r."userId" = c."userId") AS "isStaff"
    FROM "Coworker" c JOIN "Location" l ON l.id = c."locationId"
    WHERE c.id = ANY(${ids}::int[])`;
}
