import { availableParallelism, loadavg } from 'node:os';

import { type Actor, type ServiceContext } from '@hotdesk/api/services';
import { verifyPassword } from '@hotdesk/auth';

import { DEMO_PASSWORD, type Fixtures } from './fixtures';
import { httpFlow, inProcessFlow } from './flow';
import { runLoad, type LoadOptions, type LoadRun } from './load';
import { log } from './log';
import { sampleAppsMemory } from './memory';
import { type BenchOptions } from './options';
import {
  summariseLoad,
  summariseWorkers,
  type BenchResults,
  type LoadAverage,
  type LoadFigures,
  type SectionNote,
} from './results';
import { round, spread } from './stats';
import { portal } from './system';
import { runWorkers, type Iteration, type WorkersRun } from './workers';

export interface Harness {
  options: BenchOptions;
  fixtures: Fixtures;
  operatorBearers: string[];
  memberBearer: string;
  adminCookie: string;
  adminActor: Actor;
  ctx: () => ServiceContext;
  /** The bench database, for a client of a section's own. */
  databaseUrl: string;
  storedPasswordHash: string;
  sections: SectionNote[];
}

export function currentLoadAverage(): LoadAverage {
  return loadavg().map((value) => round(value, 2)) as LoadAverage;
}

/** Runs one section of the benchmark, noting the load before it and the apps' peak memory. */
export async function section<T>(h: Harness, name: string, work: () => Promise<T>): Promise<T> {
  const loadAverage = currentLoadAverage();
  log(`${name} — load average ${loadAverage.join(' ')}`);
  const sampler = sampleAppsMemory();
  const started = Date.now();
  try {
    return await work();
  } finally {
    const peak = sampler.stop();
    h.sections.push({
      section: name,
      loadAverage,
      seconds: round((Date.now() - started) / 1000),
      peakRssMiB: { portal: round(peak.portal), admin: round(peak.admin) },
    });
  }
}

const fmt = (value: number, digits = 1) => round(value, digits).toString();

function workers(h: Harness, concurrency: number, seconds: number, iteration: Iteration) {
  return runWorkers({ concurrency, seconds, maxIterations: h.options.maxFlowsPerRun, iteration });
}

/** 1 and 2: the flow over HTTP and in-process, run after run in turn, so both see the same machine. */
export async function measureFlow(h: Harness): Promise<BenchResults['flow']> {
  const inputs = { operatorBearers: h.operatorBearers, targetIds: h.fixtures.targetIds };
  const overHttp = httpFlow(portal.url, inputs);
  const inProcess = inProcessFlow(h.ctx, inputs);
  const result: BenchResults['flow'] = { http: [], inProcess: [], ratio: [] };
  // The tables the flow fills (sessions, grants, audit events, notices) were nearly empty when
  // the database was analysed, and a prepared statement keeps its plan until the next ANALYZE:
  // the apps would read those tables as tiny for the whole run. Autovacuum analyses them within
  // a minute of real use; an unmeasured load and an ANALYZE stand in for that minute.
  await section(h, 'flow, unmeasured, then VACUUM (ANALYZE)', async () => {
    await workers(h, 16, 10, overHttp);
    await workers(h, 16, 5, inProcess);
    await h.ctx().db.$executeRawUnsafe('VACUUM (ANALYZE)');
  });
  for (const concurrency of h.options.concurrencies) {
    await section(h, `flow at concurrency ${concurrency}`, async () => {
      await workers(h, concurrency, h.options.warmupSeconds, overHttp);
      await workers(h, concurrency, h.options.warmupSeconds, inProcess);
      const httpRuns: WorkersRun[] = [];
      const floorRuns: WorkersRun[] = [];
      for (let run = 0; run < h.options.runs; run++) {
        httpRuns.push(await workers(h, concurrency, h.options.seconds, overHttp));
        floorRuns.push(await workers(h, concurrency, h.options.seconds, inProcess));
      }
      const http = summariseWorkers(httpRuns);
      const floor = summariseWorkers(floorRuns);
      const ratio = http.flowsPerSecond.median / floor.flowsPerSecond.median;
      result.http.push(http);
      result.inProcess.push(floor);
      result.ratio.push({
        concurrency,
        ratio,
        perRun: spread(httpRuns.map((run, i) => run.perSecond / (floorRuns[i]?.perSecond ?? NaN))),
      });
      const p99 = (step: string) => fmt(http.latency[step]?.p99.median ?? NaN);
      log(
        `  c=${concurrency}: HTTP ${fmt(http.flowsPerSecond.median)} flows/s ` +
          `(p99 grant ${p99('grant')} ms, exchange ${p99('exchange')} ms, profiles ${p99('profiles')} ms), ` +
          `in-process ${fmt(floor.flowsPerSecond.median)} flows/s, ratio ${fmt(ratio, 2)}` +
          (http.failed + floor.failed > 0
            ? ` — ${http.failed + floor.failed} failed: ${http.firstError ?? floor.firstError}`
            : ''),
      );
    });
  }
  return result;
}

/** Warm-up, then `runs` measured runs of one fixed request under load. */
export async function loadSeries(h: Harness, options: LoadOptions): Promise<LoadFigures> {
  await runLoad({ ...options, seconds: Math.max(1, h.options.warmupSeconds) });
  const runs: LoadRun[] = [];
  for (let run = 0; run < h.options.runs; run++) runs.push(await runLoad(options));
  return summariseLoad(runs);
}

export function describeLoad(name: string, figures: LoadFigures): string {
  return (
    `  ${name}: ${fmt(figures.perSecond.median)}/s, p50 ${fmt(figures.latency.p50.median)} ms, ` +
    `p95 ${fmt(figures.latency.p95.median)} ms, p99 ${fmt(figures.latency.p99.median)} ms` +
    (figures.failed ? ` — ${figures.failed} failed (${JSON.stringify(figures.statuses)})` : '')
  );
}

/**
 * `POST /api/token` password grants, a different account each time, as many people signing in
 * (one account's attempts are limited to a few at once by design).
 */
export function passwordGrants(h: Harness): LoadOptions {
  const emails = h.fixtures.memberEmails;
  return {
    url: `${portal.url}/api/token`,
    method: 'POST',
    connections: h.options.tokenConnections,
    seconds: h.options.tokenSeconds,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    vary: (i) => ({
      body: new URLSearchParams({
        grant_type: 'password',
        username: emails[i % emails.length] as string,
        password: DEMO_PASSWORD,
      }).toString(),
    }),
  };
}

/** 3: password grants over HTTP, and what one scrypt hash costs on its own. */
export async function measureTokenGrants(h: Harness): Promise<BenchResults['token']> {
  return section(h, 'password grants and KDF', async () => {
    const sequential: number[] = [];
    for (let i = 0; i < h.options.kdfHashes; i++) {
      const started = performance.now();
      await verifyPassword(DEMO_PASSWORD, h.storedPasswordHash);
      sequential.push(performance.now() - started);
    }
    // As many hashes at once as libuv's thread pool runs (4 threads by default).
    const parallel = 4;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let i = 0; i < h.options.kdfHashes / 2; i++) {
          await verifyPassword(DEMO_PASSWORD, h.storedPasswordHash);
        }
      }),
    );
    const hashesPerSecond =
      (parallel * Math.ceil(h.options.kdfHashes / 2)) / ((performance.now() - started) / 1000);
    const http = await loadSeries(h, passwordGrants(h));
    const parameters = /^scrypt\$([^$]+)\$/.exec(h.storedPasswordHash)?.[1] ?? 'unknown';
    const kdf = {
      parameters: `scrypt ${parameters}`,
      msPerHash: spread(sequential),
      hashesPerSecond,
    };
    log(
      `  KDF scrypt ${parameters}: ${fmt(kdf.msPerHash.median)} ms per hash, ` +
        `${fmt(hashesPerSecond)} hashes/s with ${parallel} at once (${availableParallelism()} cores)`,
    );
    log(describeLoad(`POST /api/token (${h.options.tokenConnections} connections)`, http));
    return { kdf, http };
  });
}

/** 4: the profiles GET with a member bearer. */
export async function measureProfiles(h: Harness): Promise<LoadFigures[]> {
  const figures: LoadFigures[] = [];
  for (const connections of h.options.profileConnections) {
    await section(h, `profiles GET at ${connections} connections`, async () => {
      const result = await loadSeries(h, {
        url: `${portal.url}/api/public/coworkers/profiles`,
        connections,
        seconds: h.options.seconds,
        headers: { Authorization: `Bearer ${h.memberBearer}` },
      });
      log(describeLoad(`GET /api/public/coworkers/profiles (${connections} connections)`, result));
      figures.push(result);
    });
  }
  return figures;
}

/**
 * The HTTP ceiling of this machine: a request the app server answers without any work (the
 * JWKS, a fixed JSON document) through the same path as the REST contract, at 16 connections.
 * A flow is three requests, so a third of this bounds the flows per second over HTTP.
 */
export async function measureHttpCeiling(h: Harness): Promise<LoadFigures> {
  let figures: LoadFigures | undefined;
  await section(h, 'HTTP ceiling (JWKS GET) at 16 connections', async () => {
    figures = await loadSeries(h, {
      url: `${portal.url}/.well-known/jwks.json`,
      connections: 16,
      seconds: h.options.seconds,
    });
    log(describeLoad('GET /.well-known/jwks.json (16 connections)', figures));
  });
  if (!figures) throw new Error('the ceiling was not measured');
  return figures;
}
