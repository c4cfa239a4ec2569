import { type HousekeepingFigures } from './housekeeping';
import { type LoadRun } from './load';
import { spread, spreadOfPercentiles, type Percentiles, type Spread } from './stats';
import { type WorkersRun } from './workers';

export type LatencyFigures = Record<keyof Percentiles, Spread>;

/** 1-, 5- and 15-minute load averages, as `uptime` prints them. */
export type LoadAverage = [number, number, number];

export interface FlowFigures {
  concurrency: number;
  flowsPerSecond: Spread;
  /** grant, exchange, profiles and the whole flow (`total`). */
  latency: Record<string, LatencyFigures>;
  completed: number;
  failed: number;
  firstError: string | null;
  runs: WorkersRun[];
}

export interface LoadFigures {
  connections: number;
  perSecond: Spread;
  latency: LatencyFigures;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  runs: LoadRun[];
}

export interface SearchFigures {
  terms: string[];
  /** `searchCoworkers` called in this process, one query at a time. */
  inProcess: { queries: number; latency: LatencyFigures };
  /** `coworkers.search` over tRPC on the admin app, one connection. */
  http: LoadFigures;
  /** The indexes the search's statements read, from EXPLAIN (absent from older runs). */
  indexes?: string[];
}

export interface ListFigures {
  /** Members measured, each with hundreds of bookings and invoices. */
  members: number;
  /** Rows before the measured page: 0 for a first page, else how deep its cursor points. */
  rowsBefore: number;
  /** The procedure through the portal router's caller, in this process, one page at a time. */
  inProcess: { queries: number; latency: LatencyFigures };
  /** The same procedure over tRPC on the portal app, one connection. */
  http: LoadFigures;
  /** The indexes the procedure's statements read, from EXPLAIN. */
  indexes: string[];
}

export interface SectionNote {
  section: string;
  /** Load average just before the section (includes this benchmark's own earlier load). */
  loadAverage: LoadAverage;
  seconds: number;
  /** Highest RSS sampled during the section, per app. */
  peakRssMiB: Record<string, number>;
}

export interface BenchResults {
  version: 1;
  meta: {
    startedAt: string;
    finishedAt: string;
    totalSeconds: number;
    /** `partial`: only some sections (`--only`). */
    mode: 'full' | 'quick' | 'partial';
    label: string | null;
    runs: number;
    runSeconds: number;
    warmupSeconds: number;
    coworkers: number;
    git: { commit: string | null; dirty: boolean | null };
    machine: {
      nproc: number;
      cpu: string;
      memoryGiB: number;
      node: string;
      postgres: string;
      os: string;
    };
    /** Before the benchmark started anything: the machine's load from others. */
    loadAverageBefore: LoadAverage;
    sections: SectionNote[];
    /** Variables the apps ran with, secrets left out. */
    appEnv: Record<string, string>;
  };
  flow: {
    http: FlowFigures[];
    inProcess: FlowFigures[];
    /** HTTP flows/s over in-process flows/s, per concurrency (medians), and per paired run. */
    ratio: Array<{ concurrency: number; ratio: number; perRun: Spread }>;
  };
  token: null | {
    kdf: {
      parameters: string;
      /** One hash at a time. */
      msPerHash: Spread;
      /** As many at once as the thread pool runs: the ceiling of password grants per second. */
      hashesPerSecond: number;
    };
    http: LoadFigures;
  };
  profiles: LoadFigures[];
  /** A request answered without work through the REST path: what HTTP alone allows. */
  httpCeiling?: LoadFigures;
  /** By case: the kind of term (`prefix`), alone or with a filter (`prefix · location`). */
  search: Partial<Record<string, SearchFigures>>;
  /** By case: which list and which page (`bookings past · deep page`); absent from older runs. */
  lists?: Partial<Record<string, ListFigures>>;
  housekeeping: HousekeepingFigures | null;
  memory: Record<string, { startedMiB: number; peakMiB: number }>;
}

export function summariseWorkers(runs: WorkersRun[]): FlowFigures {
  const steps = [...new Set(runs.flatMap((run) => Object.keys(run.latency)))];
  return {
    concurrency: runs[0]?.concurrency ?? 0,
    flowsPerSecond: spread(runs.map((run) => run.perSecond)),
    latency: Object.fromEntries(
      steps.map((step) => [
        step,
        spreadOfPercentiles(runs.flatMap((run) => (run.latency[step] ? [run.latency[step]] : []))),
      ]),
    ),
    completed: runs.reduce((sum, run) => sum + run.completed, 0),
    failed: runs.reduce((sum, run) => sum + run.failed, 0),
    firstError: runs.find((run) => run.firstError)?.firstError ?? null,
    runs,
  };
}

export function summariseLoad(runs: LoadRun[]): LoadFigures {
  const statuses: Record<string, number> = {};
  for (const run of runs) {
    for (const [status, count] of Object.entries(run.statuses)) {
      statuses[status] = (statuses[status] ?? 0) + count;
    }
  }
  return {
    connections: runs[0]?.connections ?? 0,
    perSecond: spread(runs.map((run) => run.perSecond)),
    latency: spreadOfPercentiles(runs.map((run) => run.latency)),
    ok: runs.reduce((sum, run) => sum + run.ok, 0),
    failed: runs.reduce((sum, run) => sum + run.failed, 0),
    statuses,
    runs,
  };
}
