import { type Prisma } from '@hotdesk/db';
import { indexesInPlan, seedBulkCoworkers } from '@hotdesk/db/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Actor } from '../sessions/actor';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { COUNT_CAP, searchCoworkers, type CoworkerSearch } from './customer-search';
import { encodeCursor } from './search-cursor';
import {
  cappedCountStatement,
  matchedPageStatement,
  orderedPageStatement,
  prefixedPageStatement,
  walkedPageStatement,
  type SearchFilters,
  type Seek,
} from './customer-search-statements';

// Enough rows that the planner's choices are the ones it makes at scale (index scans, not a
// read of a few pages), and that the walk in name order runs out before the late names.
const BULK_COWORKERS = 20_000;

let h: ApiTestHarness;
let downtownId: number;
let acmeId: number;
const owner = { operatorRoles: [{ locationId: null, role: 'OWNER' }] } as unknown as Actor;

beforeAll(async () => {
  h = await startApiTestHarness();
  await seedBulkCoworkers(h.url, { count: BULK_COWORKERS, memberContent: false });
  downtownId = (await h.db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } })).id;
  acmeId = (await h.db.team.findFirstOrThrow({ where: { name: 'Acme' } })).id;
  // Names a user may type that mean something to LIKE, SQL or JSON.
  await h.db.coworker.createMany({
    data: [
      { locationId: downtownId, fullName: 'Percy 100% Sure', email: 'percy_sure@example.com' },
      { locationId: downtownId, fullName: "Ovid O'Brien", email: null },
      { locationId: downtownId, fullName: 'Nola Noaddress', email: null },
      { locationId: downtownId, fullName: 'Noel Noaddress', email: null },
      { locationId: downtownId, fullName: 'Back\\Slash Person', email: 'back\\slash@example.com' },
      { locationId: downtownId, fullName: 'ÉLODIE Ünal', email: 'ELODIE@EXAMPLE.COM' },
      // Late in name order, past the walk: an address that starts with a first name's letters,
      // a name holding them inside, and terms that mean something to LIKE or SQL.
      { locationId: downtownId, fullName: 'Tobias Quint', email: 'Ruthless.Q@example.org' },
      { locationId: downtownId, fullName: 'Brutus Vale', email: 'b.vale@example.org' },
      { locationId: downtownId, fullName: 'Yusuf Ruthven', email: null, active: false },
      { locationId: downtownId, fullName: "Zz'quote Person", email: 'zz_under@example.com' },
      { locationId: downtownId, fullName: 'Zzxunder Decoy', email: 'zzxunder@example.com' },
      { locationId: downtownId, fullName: 'Zz%pct Person', email: 'zz%pct@example.com' },
      { locationId: downtownId, fullName: 'Zzapct Decoy', email: 'zzapct@example.com' },
      { locationId: downtownId, fullName: 'Zz\\back Person', email: 'zz\\back@example.com' },
      { locationId: downtownId, fullName: 'Zzxback Decoy', email: 'zzxback@example.com' },
    ],
  });
  await h.db.$executeRawUnsafe('ANALYZE "Coworker"');
}, 300_000);

afterAll(async () => {
  await h?.close();
});

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * The search as it was written before cursors and indexes (Prisma's `contains`, insensitive,
 * `OFFSET` paging, an exact count): the meaning the new statements must keep.
 */
async function referenceIds(search: CoworkerSearch): Promise<number[]> {
  const text = search.query?.trim();
  const contains = (value: string) =>
    ({ contains: escapeLike(value), mode: 'insensitive' }) as const;
  const where: Prisma.CoworkerWhereInput = {
    ...(search.locationId !== undefined ? { locationId: search.locationId } : {}),
    ...(search.status ? { active: search.status === 'active' } : {}),
    ...(search.teamId !== undefined
      ? { teamMemberships: { some: { teamId: search.teamId } } }
      : {}),
    ...(text ? { OR: [{ fullName: contains(text) }, { email: contains(text) }] } : {}),
  };
  const direction = search.direction;
  const orderBy: Prisma.CoworkerOrderByWithRelationInput[] =
    search.sort === 'name'
      ? [{ fullName: direction }, { id: direction }]
      : search.sort === 'created'
        ? [{ createdAt: direction }, { id: direction }]
        : [
            { email: { sort: direction, nulls: direction === 'asc' ? 'last' : 'first' } },
            { id: direction },
          ];
  const rows = await h.db.coworker.findMany({ where, orderBy, select: { id: true } });
  return rows.map((row) => row.id);
}

type SearchPage = Awaited<ReturnType<typeof searchCoworkers>>;

const ids = (rows: unknown) => (rows as Array<{ id: number }>).map((row) => row.id);

/** Every page, by cursor, from the first to the last. */
async function allPages(search: CoworkerSearch) {
  const ids: number[] = [];
  let page = await searchCoworkers({ db: h.db } as never, owner, search);
  const total = { total: page.total, totalIsCapped: page.totalIsCapped };
  for (;;) {
    ids.push(...page.rows.map((row) => row.id));
    if (!page.nextCursor) return { ids, ...total, last: page };
    page = await searchCoworkers({ db: h.db } as never, owner, {
      ...search,
      after: page.nextCursor,
    });
  }
}

/** Every page from `last` back to the first, by "previous page" cursors, in the list's order. */
async function backFrom(search: CoworkerSearch, last: SearchPage): Promise<number[]> {
  const pages = [last.rows.map((row) => row.id)];
  let page = last;
  while (page.previousCursor) {
    page = await searchCoworkers({ db: h.db } as never, owner, {
      ...search,
      before: page.previousCursor,
    });
    pages.unshift(page.rows.map((row) => row.id));
  }
  return pages.flat();
}

const base: CoworkerSearch = { sort: 'name', direction: 'asc', pageSize: 25 };

describe('customer search', () => {
  const terms = [
    'ali', // first names and surnames: fills a page early in name order
    'Yus', // a first name late in the alphabet: name order runs out, the trigram index answers
    'zoë', // a letter PostgreSQL lower-cases (Zoë)
    'ovan', // inside a surname
    '@example.net', // an address's domain
    '7', // a digit too short for the trigram index: read in name order
    '%', // LIKE's wildcards and escape, literally
    '_sure',
    '\\slash',
    "o'b",
    'élodie ü',
    'no such person',
    // Past the walk, looked up by their first three letters (`prefixedPageStatement`):
    'Rut', // a first name's first letters (and its addresses'); inside Brutus and Ruthven
    'ruth', // the same, longer than the prefix key
    'ruthl', // only an address starts with it
    'Yusuf R', // a whole first name and the start of a surname
    'yusuf.', // only addresses: first name, dot
    "zz'q", // a quote
    'zz%', // LIKE's wildcards and escape, literally, at the start of a name or address
    'zz_u',
    'zz\\b',
    'ÉLO', // upper case beyond ASCII
  ];

  it.each(terms)('finds what the old search found for %j, page by page', async (query) => {
    for (const filters of [
      {},
      { locationId: downtownId },
      { status: 'inactive' as const },
      { locationId: downtownId, status: 'active' as const },
      { teamId: acmeId },
    ]) {
      const search = { ...base, query, ...filters, pageSize: 100 };
      const expected = await referenceIds(search);
      const first = await searchCoworkers({ db: h.db } as never, owner, search);
      expect(first.rows.map((row) => row.id)).toEqual(expected.slice(0, 100));
      expect([first.total, first.totalIsCapped]).toEqual([
        Math.min(expected.length, COUNT_CAP),
        expected.length > COUNT_CAP,
      ]);
      if (expected.length <= 1_000) {
        const pages = await allPages(search);
        expect(pages.ids).toEqual(expected);
        expect(await backFrom(search, pages.last)).toEqual(expected);
      }
    }
  });

  // The walk fills most pages after the first; the statement after it must page by itself.
  it.each(['Rut', 'ruthl', 'Yusuf R', 'zz_u', "zz'q", 'zz\\b'])(
    'pages the matches of %j both ways from their first letters as from the trigram index',
    async (term) => {
      const filtersToTry: SearchFilters[] = [
        { locations: 'all' },
        { locations: [downtownId] },
        { locations: 'all', active: false },
        { locations: [downtownId, downtownId + 1], active: true },
      ];
      for (const filters of filtersToTry) {
        for (const direction of ['asc', 'desc'] as const) {
          let seek: Seek = { sort: 'name', direction, limit: 7 };
          for (let page = 0; page < 200; page++) {
            const expected = ids(await h.db.$queryRaw(matchedPageStatement(filters, term, seek)));
            expect(ids(await h.db.$queryRaw(prefixedPageStatement(filters, term, seek)))).toEqual(
              expected,
            );
            const last = expected.at(-1);
            if (expected.length < seek.limit || last === undefined) break;
            const row = await h.db.coworker.findUniqueOrThrow({ where: { id: last } });
            seek = { ...seek, from: { sort: 'name', fullName: row.fullName, id: last } };
          }
        }
      }
    },
  );

  it('pages by cursor in every sort and direction, as the old order', async () => {
    for (const sort of ['name', 'email', 'created'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const search = { ...base, sort, direction, teamId: acmeId, pageSize: 2 };
        expect((await allPages(search)).ids).toEqual(await referenceIds(search));
        const term = { ...base, sort, direction, query: 'yus', pageSize: 50 };
        expect((await allPages(term)).ids).toEqual(await referenceIds(term));
      }
    }
  });

  it('pages by e-mail, rows without an address where PostgreSQL sorts NULL, both ways', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const search = {
        ...base,
        sort: 'email' as const,
        direction,
        locationId: downtownId,
        status: 'active' as const,
        pageSize: 100,
      };
      const expected = await referenceIds(search);
      expect((await allPages(search)).ids).toEqual(expected);
      // From a row without an address, the page goes on among those rows.
      const withoutAddress = await h.db.coworker.findMany({
        where: { locationId: downtownId, active: true, email: null },
        select: { id: true },
      });
      const run = expected.filter((id) => withoutAddress.some((row) => row.id === id));
      const next = await searchCoworkers({ db: h.db } as never, owner, {
        ...search,
        pageSize: 2,
        after: encodeCursor({ sort: 'email', email: null, id: run[0]! }),
      });
      expect(next.rows.map((row) => row.id)).toEqual(
        direction === 'asc'
          ? run.slice(1, 3)
          : [...run.slice(1), ...expected.slice(run.length)].slice(0, 2),
      );
    }
  });

  it('counts up to the cap and says so', async () => {
    const page = await searchCoworkers({ db: h.db } as never, owner, base);
    expect([page.total, page.totalIsCapped]).toEqual([COUNT_CAP, true]);
  });
});

describe('customer search plans', () => {
  const all: SearchFilters = { locations: 'all' };
  const byName: Seek = { sort: 'name', direction: 'asc', limit: 26 };
  const later: Seek = { ...byName, from: { sort: 'name', fullName: 'M', id: 1 } };
  const newest: Seek = { sort: 'created', direction: 'desc', limit: 26 };
  // The walk's budget in the same proportion to the table as the service's at a million rows.
  const budget = BULK_COWORKERS / 100;

  it.each<[string, string, Prisma.Sql]>([
    ['the first page', 'Coworker_name_order_idx', orderedPageStatement(all, byName)],
    ['page 400 (a cursor)', 'Coworker_name_order_idx', orderedPageStatement(all, later)],
    [
      'one location',
      'Coworker_location_name_order_idx',
      orderedPageStatement({ locations: [1] }, later),
    ],
    [
      'one team',
      'TeamMember_teamId_coworkerId_key',
      orderedPageStatement({ ...all, teamId: 1 }, byName),
    ],
    ['newest first', 'Coworker_created_order_idx', orderedPageStatement(all, newest)],
    [
      'by e-mail, past the addresses',
      'Coworker_email_order_idx',
      orderedPageStatement(all, {
        ...byName,
        sort: 'email',
        from: { sort: 'email', email: 'm', id: 1 },
      }),
    ],
    ['a term', 'Coworker_name_order_idx', walkedPageStatement(all, 'ali', byName, budget)],
    [
      'a term in one location',
      'Coworker_location_name_order_idx',
      walkedPageStatement({ locations: [1] }, 'ali', byName, budget),
    ],
    ['a rare term', 'Coworker_searchText_trgm_idx', matchedPageStatement(all, 'yus', later)],
    [
      'an e-mail address',
      'Coworker_searchText_trgm_idx',
      matchedPageStatement(all, 'someone.12@example.net', byName),
    ],
    [
      'a rare term in one location',
      'Coworker_searchText_trgm_idx',
      matchedPageStatement({ locations: [1] }, 'yus', byName),
    ],
    [
      "a first name's first letters in one location, going back",
      'Coworker_name_prefix_idx',
      prefixedPageStatement({ locations: [1] }, 'Yusuf R', { ...later, direction: 'desc' }),
    ],
    [
      "the count of a first name's first letters",
      'Coworker_name_prefix_idx',
      cappedCountStatement(all, 'yus', COUNT_CAP),
    ],
    [
      "the count of a first name's first letters, further in",
      'Coworker_searchTail_trgm_idx',
      cappedCountStatement({ locations: [1] }, 'Yusuf R', COUNT_CAP),
    ],
    [
      'the count of an address',
      'Coworker_searchText_trgm_idx',
      cappedCountStatement(all, 'someone.12@example.net', COUNT_CAP),
    ],
  ])('%s reads %s', async (_case, index, statement) => {
    expect(await indexesInPlan(h.db, statement)).toContain(index);
  });

  it("a first name's first letters read names and addresses that start with them, and the rest", async () => {
    expect(await indexesInPlan(h.db, prefixedPageStatement(all, 'yus', later))).toEqual(
      expect.arrayContaining([
        'Coworker_name_prefix_idx',
        'Coworker_email_prefix_idx',
        'Coworker_searchTail_trgm_idx',
      ]),
    );
  });
});
