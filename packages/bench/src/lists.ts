/**
 * 6: the member portal's bookings and invoices lists, for members with hundreds of rows: the
 * first page and a page deep in the list by cursor, in-process (the portal router's caller,
 * as the portal's tRPC handler calls it) and over HTTP (tRPC on the portal app), with the
 * indexes their statements read.
 */
import { authenticateAccessToken, type Actor } from '@hotdesk/api/services';
import { createPrismaClient, type PrismaClient } from '@hotdesk/db';
import { indexesInPlan, type SentStatement } from '@hotdesk/db/tools';

import { membersWithLongLists, signInBearer } from './fixtures';
import { log } from './log';
import { describeLoad, loadSeries, section, type Harness } from './measurements';
import { memberListsCaller, type ListPage } from './member-lists-caller';
import { type ListFigures } from './results';
import { percentiles, round, spreadOfPercentiles, type Percentiles } from './stats';
import { portal } from './system';

/** Members measured, taken in turn, as the search takes its terms in turn. */
const MEMBERS = 8;
const PAGE_SIZE = 20;
/** How far into the list the deep page's cursor points, at most (rows before it). */
const DEEP_ROWS = { bookings: 160, invoices: 100 } as const;

export const LIST_CASES = [
  'bookings upcoming',
  'bookings past',
  'bookings past · deep page',
  'invoices',
  'invoices · deep page',
] as const;
export type ListCase = (typeof LIST_CASES)[number];

type ListInput =
  | { procedure: 'bookings.list'; input: { when: 'upcoming' | 'past'; cursor: string | null } }
  | { procedure: 'invoices.list'; input: { cursor: string | null } };

interface ListMember {
  email: string;
  bearer: string;
  actor: Actor;
}

function firstPageOf(listCase: ListCase): ListInput {
  if (listCase.startsWith('invoices'))
    return { procedure: 'invoices.list', input: { cursor: null } };
  const when = listCase.startsWith('bookings upcoming') ? 'upcoming' : 'past';
  return { procedure: 'bookings.list', input: { when, cursor: null } };
}

function callList(
  caller: ReturnType<typeof memberListsCaller>,
  list: ListInput,
): Promise<ListPage> {
  const input = { ...list.input, limit: PAGE_SIZE };
  return list.procedure === 'bookings.list'
    ? caller.bookings.list({ ...input, when: list.input.when })
    : caller.invoices.list(input);
}

/** The tRPC GET the portal's pages send (superjson wraps the input in `json`). */
function listPath(list: ListInput): string {
  const encoded = encodeURIComponent(JSON.stringify({ json: { ...list.input, limit: PAGE_SIZE } }));
  return `/api/trpc/${list.procedure}?input=${encoded}`;
}

/**
 * The page each member sees `rows` rows into the list (or the last page, for a shorter list),
 * reached by following `nextCursor` from the first page as a person paging would.
 */
async function pageDeepIn(
  h: Harness,
  member: ListMember,
  first: ListInput,
  rows: number,
): Promise<{ list: ListInput; rowsBefore: number }> {
  const caller = memberListsCaller(h.ctx(), member.actor);
  let list = first;
  let rowsBefore = 0;
  while (rowsBefore < rows) {
    const page = await callList(caller, list);
    if (!page.nextCursor) break;
    rowsBefore += page.items.length;
    list = { ...list, input: { ...list.input, cursor: page.nextCursor } } as ListInput;
  }
  return { list, rowsBefore };
}

/** The indexes read by the statements one page sends, through a client that notes them. */
async function indexesRead(h: Harness, member: ListMember, list: ListInput): Promise<string[]> {
  const sent: SentStatement[] = [];
  const observed: PrismaClient = createPrismaClient({
    url: h.databaseUrl,
    max: 1,
    observeStatement: (text, values) => sent.push({ text, values }),
  });
  try {
    await callList(memberListsCaller({ ...h.ctx(), db: observed }, member.actor), list);
    const names = new Set<string>();
    for (const statement of sent.filter((s) => /^\s*(WITH|SELECT)\b/i.test(s.text))) {
      for (const name of await indexesInPlan(observed, statement)) names.add(name);
    }
    return [...names].sort();
  } finally {
    await observed.$disconnect();
  }
}

async function signInMembers(h: Harness): Promise<ListMember[]> {
  const found = await membersWithLongLists(h.ctx().db, MEMBERS);
  if (found.length === 0) {
    throw new Error('no member has bookings: the lists section needs the bulk seed member content');
  }
  log(
    `  ${found.length} members with ${Math.min(...found.map((m) => m.bookings))}–` +
      `${Math.max(...found.map((m) => m.bookings))} bookings and ` +
      `${Math.min(...found.map((m) => m.invoices))}–${Math.max(...found.map((m) => m.invoices))} invoices`,
  );
  const members: ListMember[] = [];
  for (const { email } of found) {
    const bearer = await signInBearer(portal.url, email);
    const actor = await authenticateAccessToken(h.ctx(), bearer, 'PORTAL');
    if (!actor) throw new Error(`the bearer of ${email} does not authenticate`);
    members.push({ email, bearer, actor });
  }
  return members;
}

export async function measureLists(h: Harness): Promise<Record<string, ListFigures>> {
  const result: Record<string, ListFigures> = {};
  const members = await section(h, 'member lists: sign-in', () => signInMembers(h));
  for (const listCase of LIST_CASES) {
    await section(h, `member list (${listCase})`, async () => {
      const first = firstPageOf(listCase);
      const deep = listCase.endsWith('deep page');
      const pages = await Promise.all(
        members.map(async (member) => {
          if (!deep) return { list: first, rowsBefore: 0 };
          const kind = first.procedure === 'bookings.list' ? 'bookings' : 'invoices';
          return pageDeepIn(h, member, first, DEEP_ROWS[kind]);
        }),
      );
      const caseAt = (i: number) => ({
        member: members[i % members.length]!,
        list: pages[i % pages.length]!.list,
      });
      const inProcess = async (i: number) => {
        const { member, list } = caseAt(i);
        await callList(memberListsCaller(h.ctx(), member.actor), list);
      };
      for (let i = 0; i < members.length; i++) await inProcess(i);
      const inProcessRuns: Percentiles[] = [];
      for (let run = 0; run < h.options.runs; run++) {
        const samples: number[] = [];
        for (let i = 0; i < h.options.listQueries; i++) {
          const started = performance.now();
          await inProcess(run * h.options.listQueries + i);
          samples.push(performance.now() - started);
        }
        inProcessRuns.push(percentiles(samples));
      }
      const request = (i: number) => ({
        path: listPath(caseAt(i).list),
        headers: { Authorization: `Bearer ${caseAt(i).member.bearer}` },
      });
      const http = await loadSeries(h, {
        url: `${portal.url}${request(0).path}`,
        connections: 1,
        seconds: h.options.listSeconds,
        headers: request(0).headers,
        vary: request,
      });
      const indexes = await indexesRead(h, members[0]!, pages[0]!.list);
      const figures: ListFigures = {
        members: members.length,
        // The shallowest member's depth: every member's deep page lies at least this far in.
        rowsBefore: Math.min(...pages.map((page) => page.rowsBefore)),
        inProcess: {
          queries: h.options.runs * h.options.listQueries,
          latency: spreadOfPercentiles(inProcessRuns),
        },
        http,
        indexes,
      };
      log(
        `  ${listCase}${deep ? ` (after ${figures.rowsBefore} rows)` : ''}: in-process p50 ` +
          `${round(figures.inProcess.latency.p50.median, 1)} ms, p95 ` +
          `${round(figures.inProcess.latency.p95.median, 1)} ms; ` +
          describeLoad('over HTTP', http).trim() +
          `; indexes ${indexes.join(', ')}`,
      );
      result[listCase] = figures;
    });
  }
  return result;
}
