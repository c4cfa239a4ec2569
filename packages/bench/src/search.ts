/**
 * 5: the admin customer search, in-process (the service) and over HTTP (tRPC on the admin app),
 * for each kind of term alone, in one location and in one team, with the indexes each case's
 * statements read (PostgreSQL's own EXPLAIN of what the service sent).
 */
import { searchCoworkers, type CoworkerSearch } from '@hotdesk/api/services';
import { createPrismaClient } from '@hotdesk/db';
import { indexesInPlan, type SentStatement } from '@hotdesk/db/tools';

import { type SearchKind } from './fixtures';
import { log } from './log';
import { describeLoad, loadSeries, section, type Harness } from './measurements';
import { type SearchFigures } from './results';
import { percentiles, round, spreadOfPercentiles, type Percentiles } from './stats';
import { admin } from './system';

export const SEARCH_KINDS = [
  'prefix',
  'substring',
  'email',
  'none',
] as const satisfies SearchKind[];
export const SEARCH_FILTERS = ['all', 'location', 'team'] as const;
export type SearchFilter = (typeof SEARCH_FILTERS)[number];

/** `prefix` for every location, `prefix · location` and `prefix · team` for the filtered cases. */
export const searchCaseKey = (kind: SearchKind, filter: SearchFilter) =>
  filter === 'all' ? kind : `${kind} · ${filter}`;

type SearchInput = Omit<CoworkerSearch, 'sort' | 'direction' | 'pageSize'>;

function inputs(h: Harness, kind: SearchKind, filter: SearchFilter): SearchInput[] {
  const terms = h.fixtures.searchTerms[kind];
  const teams = h.fixtures.searchTeamIds;
  return terms.map((term, index) => ({
    query: term || undefined,
    ...(filter === 'location' ? { locationId: h.fixtures.searchLocationId } : {}),
    ...(filter === 'team' ? { teamId: teams[index % teams.length] } : {}),
  }));
}

const firstPage = { sort: 'name', direction: 'asc', pageSize: 25 } as const;

function searchPath(input: SearchInput): string {
  const encoded = encodeURIComponent(JSON.stringify({ json: { ...input, ...firstPage } }));
  return `/api/trpc/coworkers.search?input=${encoded}`;
}

/** The indexes read by the statements one search sends, through a client that notes them. */
async function indexesRead(h: Harness, input: SearchInput): Promise<string[]> {
  const sent: SentStatement[] = [];
  const observed = createPrismaClient({
    url: h.databaseUrl,
    max: 1,
    observeStatement: (text, values) => sent.push({ text, values }),
  });
  try {
    await searchCoworkers({ ...h.ctx(), db: observed }, h.adminActor, { ...input, ...firstPage });
    const statements = sent.filter((statement) => /^\s*(WITH|SELECT)\b/i.test(statement.text));
    const names = new Set<string>();
    for (const statement of statements) {
      for (const name of await indexesInPlan(observed, statement)) names.add(name);
    }
    return [...names].sort();
  } finally {
    await observed.$disconnect();
  }
}

export async function measureSearch(h: Harness): Promise<Record<string, SearchFigures>> {
  const result: Record<string, SearchFigures> = {};
  for (const filter of SEARCH_FILTERS) {
    for (const kind of SEARCH_KINDS) {
      const key = searchCaseKey(kind, filter);
      const cases = inputs(h, kind, filter);
      await section(h, `customer search (${key})`, async () => {
        const search = (input: SearchInput) =>
          searchCoworkers(h.ctx(), h.adminActor, { ...input, ...firstPage });
        for (const input of cases.slice(0, 5)) await search(input);
        const inProcessRuns: Percentiles[] = [];
        for (let run = 0; run < h.options.runs; run++) {
          const samples: number[] = [];
          for (let i = 0; i < h.options.searchQueries; i++) {
            const started = performance.now();
            await search(cases[(run * h.options.searchQueries + i) % cases.length]!);
            samples.push(performance.now() - started);
          }
          inProcessRuns.push(percentiles(samples));
        }
        const http = await loadSeries(h, {
          url: `${admin.url}${searchPath(cases[0]!)}`,
          connections: 1,
          seconds: h.options.searchSeconds,
          headers: { Cookie: h.adminCookie },
          vary: (i) => ({ path: searchPath(cases[i % cases.length]!) }),
        });
        const inProcess = {
          queries: h.options.runs * h.options.searchQueries,
          latency: spreadOfPercentiles(inProcessRuns),
        };
        const indexes = await indexesRead(h, cases[0]!);
        log(
          `  ${key}: in-process p50 ${round(inProcess.latency.p50.median, 1)} ms, ` +
            `p95 ${round(inProcess.latency.p95.median, 1)} ms; ` +
            describeLoad('over HTTP', http).trim() +
            `; indexes ${indexes.join(', ')}`,
        );
        result[key] = { terms: h.fixtures.searchTerms[kind], inProcess, http, indexes };
      });
    }
  }
  return result;
}
