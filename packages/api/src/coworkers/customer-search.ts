import { type PrismaClient } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { scopeCovers, viewableLocations, type Actor } from '../sessions/actor';
import {
  cappedCountStatement,
  hasPrefixKey,
  matchedPageStatement,
  orderedPageStatement,
  pageRowsStatement,
  prefixedPageStatement,
  walkedPageStatement,
  type SearchFilters,
  type Seek,
  type WalkResult,
} from './customer-search-statements';
import { decodeCursor, encodeCursor, type CustomerSort, type SortPosition } from './search-cursor';

export interface CoworkerSearch {
  query?: string;
  locationId?: number;
  status?: 'active' | 'inactive';
  teamId?: number;
  sort: CustomerSort;
  direction: 'asc' | 'desc';
  /** A cursor from a previous page: the page after it, or (`before`) the page before it. */
  after?: string;
  before?: string;
  pageSize: number;
}

/** The pager counts up to here and then says "1,000+". */
export const COUNT_CAP = 1_000;
/** Rows read in name order before a search term is handed to the trigram index (~4 ms). */
export const WALK_BUDGET = 10_000;

/** A customer as the list shows it (`pageRowsStatement`). */
interface PageRow {
  id: number;
  fullName: string;
  email: string | null;
  companyName: string | null;
  active: boolean;
  type: 'INDIVIDUAL' | 'COMPANY';
  createdAt: Date;
  location: { id: number; name: string };
  hasLogin: boolean;
  isStaff: boolean;
}

function filtersOf(actor: Actor, search: CoworkerSearch): SearchFilters | null {
  const scope = viewableLocations(actor);
  const status = search.status ? { active: search.status === 'active' } : {};
  const team = search.teamId !== undefined ? { teamId: search.teamId } : {};
  if (search.locationId !== undefined) {
    if (!scopeCovers(scope, search.locationId)) return null;
    return { locations: [search.locationId], ...status, ...team };
  }
  return { locations: scope, ...status, ...team };
}

/**
 * Addresses and numbers are in few rows: the trigram index beats reading in name order. Under
 * three characters there is no trigram to look up, and the index would be read whole.
 */
const looksRare = (term: string) => term.length >= 3 && /[@\d]/.test(term);

async function findPageIds(
  db: PrismaClient,
  filters: SearchFilters,
  term: string | undefined,
  seek: Seek,
): Promise<number[]> {
  if (!term) return ids(await db.$queryRaw(orderedPageStatement(filters, seek)));
  const walkable =
    seek.sort === 'name' &&
    filters.teamId === undefined &&
    !term.includes('\n') &&
    !looksRare(term);
  if (!walkable) return ids(await db.$queryRaw(matchedPageStatement(filters, term, seek)));

  const [walk] = await db.$queryRaw<WalkResult[]>(
    walkedPageStatement(filters, term, seek, WALK_BUDGET),
  );
  if (!walk || walk.ids.length >= seek.limit || walk.walked < WALK_BUDGET) return walk?.ids ?? [];
  const from: SortPosition = { sort: 'name', fullName: walk.lastName!, id: walk.lastId! };
  const rest = { ...seek, from, limit: seek.limit - walk.ids.length };
  const statement = hasPrefixKey(term)
    ? prefixedPageStatement(filters, term, rest)
    : matchedPageStatement(filters, term, rest);
  const restIds = ids(await db.$queryRaw(statement));
  return [...walk.ids, ...restIds];
}

const ids = (rows: unknown) => (rows as Array<{ id: number }>).map((row) => row.id);

function positionOf(row: PageRow, sort: CustomerSort): SortPosition {
  if (sort === 'name') return { sort, fullName: row.fullName, id: row.id };
  if (sort === 'created') return { sort, createdAt: row.createdAt, id: row.id };
  return { sort, email: row.email, id: row.id };
}

/**
 * Customer search for operators, always limited to the locations their roles cover. Pages move
 * by cursor and the total is counted up to COUNT_CAP, so no request reads the whole table.
 */
export async function searchCoworkers(ctx: ServiceContext, actor: Actor, search: CoworkerSearch) {
  const filters = filtersOf(actor, search);
  const cursorField = search.before !== undefined ? 'before' : 'after';
  const cursor = search.before ?? search.after;
  const from = cursor !== undefined ? decodeCursor(cursorField, cursor, search.sort) : undefined;
  if (!filters) {
    return { rows: [], total: 0, totalIsCapped: false, previousCursor: null, nextCursor: null };
  }
  const backwards = cursorField === 'before';
  const flipped = search.direction === 'asc' ? 'desc' : 'asc';
  const seek: Seek = {
    sort: search.sort,
    direction: backwards ? flipped : search.direction,
    from,
    limit: search.pageSize + 1,
  };
  const term = search.query?.trim() || undefined;

  const [pageIds, [counted]] = await Promise.all([
    findPageIds(ctx.db, filters, term, seek),
    ctx.db.$queryRaw<Array<{ count: number }>>(cappedCountStatement(filters, term, COUNT_CAP)),
  ]);
  const hasMore = pageIds.length > search.pageSize;
  const shown = pageIds.slice(0, search.pageSize);
  if (backwards) shown.reverse();
  const loaded =
    shown.length > 0 ? await ctx.db.$queryRaw<PageRow[]>(pageRowsStatement(shown)) : [];
  const byId = new Map(loaded.map((row) => [row.id, row]));
  const rows = shown.flatMap((id) => byId.get(id) ?? []);

  const first = rows[0];
  const last = rows.at(-1);
  const count = counted?.count ?? 0;
  return {
    rows,
    total: Math.min(count, COUNT_CAP),
    totalIsCapped: count > COUNT_CAP,
    previousCursor:
      first && (backwards ? hasMore : from !== undefined)
        ? encodeCursor(positionOf(first, search.sort))
        : null,
    nextCursor: last && (backwards || hasMore) ? encodeCursor(positionOf(last, search.sort)) : null,
  };
}
