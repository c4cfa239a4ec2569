import { parseArgs } from 'node:util';

export const SECTIONS = ['flow', 'token', 'profiles', 'search', 'lists', 'housekeeping'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  quick: boolean;
  /** The sections to measure; a run of only some never replaces the published figures. */
  only: Section[];
  /** Generated coworkers on top of the demo data. */
  coworkers: number;
  /** Measured runs of every figure; each figure is their median, with min–max. */
  runs: number;
  /** Length of one measured run. */
  seconds: number;
  /** Unmeasured load before each series of runs. */
  warmupSeconds: number;
  concurrencies: number[];
  profileConnections: number[];
  tokenConnections: number;
  /** Longer: a grant takes about a second under load, and a run drops what is in flight at its end. */
  tokenSeconds: number;
  /** Sequential in-process searches per kind and run. */
  searchQueries: number;
  /** Length of one HTTP search run (one connection: latency, not throughput). */
  searchSeconds: number;
  /** Sequential in-process list pages per case and run. */
  listQueries: number;
  /** Length of one HTTP list run (one connection). */
  listSeconds: number;
  kdfHashes: number;
  build: 'auto' | 'always' | 'never';
  /** Also keep this run as the "before" of the before/after comparison. */
  saveBefore: boolean;
  /** Says what was measured, in the reports (e.g. "before the optimisations"). */
  label: string | null;
  /** Safety bound on flows per run, besides the time bound. */
  maxFlowsPerRun: number;
  /** Expired sessions, and as many stale rate-limit counters, the housekeeping section adds. */
  deadRows: number;
}

const usage = `Usage: pnpm bench [--quick] [--runs N] [--seconds S] [--coworkers N]
                  [--build | --no-build] [--save-before] [--label TEXT]
                  [--only flow,token,profiles,search,lists,housekeeping] [--dead-rows N]

  --quick         short smoke run: 2,000 coworkers, 2 runs of 1 s (about a minute)
  --runs N        measured runs per figure (default 3)
  --seconds S     length of each measured run (default 5)
  --coworkers N   generated coworkers besides the demo data (default 100000; the search and
                  lists sections file their figures by this size, e.g. --only search --coworkers
                  1000000; only the lists section needs the members' bookings and invoices, and
                  without it they are not generated)
  --build         rebuild both apps first (turbo replays an unchanged build from its cache)
  --no-build      use the existing builds even when older than the source
  --save-before   also save the results as docs/benchmarks-before.json, the "before" baseline
  --label TEXT    what this run measures, shown in the reports
  --only LIST     measure only these sections (results go to the temp folder, not docs/,
                  except the housekeeping section's, which has a part of its own there)
  --dead-rows N   expired sessions and stale rate-limit counters the housekeeping section
                  adds (default 2000000; 100000 with --quick)

Writes docs/benchmarks.json, docs/benchmarks.md, docs/benchmarks-latency.svg,
docs/benchmarks-housekeeping.json, docs/benchmarks-search.json and docs/benchmarks-lists.json.`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      seconds: { type: 'string' },
      coworkers: { type: 'string' },
      build: { type: 'boolean' },
      'no-build': { type: 'boolean' },
      'save-before': { type: 'boolean', default: false },
      label: { type: 'string' },
      only: { type: 'string' },
      'dead-rows': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.info(usage);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const positive = (name: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0)
      throw new Error(`--${name} must be a positive number`);
    return parsed;
  };
  const seconds = positive('seconds', values.seconds, quick ? 1 : 5);
  const only = values.only?.split(',').map((name) => name.trim()) ?? [...SECTIONS];
  for (const name of only) {
    if (!(SECTIONS as readonly string[]).includes(name)) {
      throw new Error(`--only: unknown section "${name}" (${SECTIONS.join(', ')})`);
    }
  }
  return {
    quick,
    only: only as Section[],
    coworkers: Math.round(positive('coworkers', values.coworkers, quick ? 2_000 : 100_000)),
    runs: Math.round(positive('runs', values.runs, quick ? 2 : 3)),
    seconds,
    warmupSeconds: quick ? 0.5 : 2,
    concurrencies: [1, 16, 64],
    profileConnections: [16, 64],
    tokenConnections: 8,
    tokenSeconds: quick ? 3 : Math.max(10, 2 * seconds),
    searchQueries: quick ? 10 : 40,
    searchSeconds: quick ? 1 : 3,
    listQueries: quick ? 10 : 40,
    listSeconds: quick ? 1 : 3,
    kdfHashes: quick ? 5 : 20,
    build: values.build ? 'always' : values['no-build'] ? 'never' : 'auto',
    saveBefore: values['save-before'] ?? false,
    label: values.label ?? null,
    maxFlowsPerRun: 100_000,
    deadRows: Math.round(positive('dead-rows', values['dead-rows'], quick ? 100_000 : 2_000_000)),
  };
}
