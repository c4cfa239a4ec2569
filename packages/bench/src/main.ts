/**
 * `pnpm bench`: a fresh database with the demo data and 100k coworkers, both apps from their
 * production builds, then the measurements of docs/benchmarks.md. Writes the results and
 * leaves nothing behind: the apps are stopped and the database dropped, also on Ctrl-C.
 */
import '@hotdesk/config/load-env-file';
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';

import { setLogSink } from '@hotdesk/api';
import {
  attachAuditTrail,
  auditTrailFor,
  authenticateAccessToken,
  configFromEnv,
  readServerEnv,
} from '@hotdesk/api/services';
import { loadAuditKeysFromJson, loadKeySetFromJson } from '@hotdesk/auth';
import { createPrismaClient } from '@hotdesk/db';

import { signInAdminCookie, signInBearer, prepareFixtures } from './fixtures';
import { log } from './log';
import {
  currentLoadAverage,
  measureFlow,
  measureHttpCeiling,
  measureProfiles,
  measureTokenGrants,
  type Harness,
} from './measurements';
import { measureLists } from './lists';
import { measureSearch } from './search';
import { measureHousekeeping } from './housekeeping';
import { startMailSink } from './mail-sink';
import { readAppsMemory } from './memory';
import { parseOptions, SECTIONS, type Section } from './options';
import { writeReports } from './report';
import { type BenchResults } from './results';
import { round } from './stats';
import {
  admin,
  apps,
  buildApps,
  buildState,
  installSignalHandlers,
  onShutdown,
  portal,
  repoRoot,
  shutdown,
  startBenchSystem,
} from './system';

/** Abuse limits far above what the load generator does, so they never answer 429 here. */
const generousLimits = {
  HOTDESK_GRANTS_PER_ACTOR_PER_HOUR: '100000000',
  HOTDESK_EXCHANGE_MAX_FAILURES_PER_IP: '100000000',
  HOTDESK_SIGNIN_MAX_FAILURES_PER_IP: '100000000',
};

function gitState(): BenchResults['meta']['git'] {
  try {
    const run = (...args: string[]) =>
      execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
    return {
      commit: run('rev-parse', '--short', 'HEAD'),
      dirty: run('status', '--porcelain') !== '',
    };
  } catch {
    return { commit: null, dirty: null };
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  installSignalHandlers();
  const startedAt = new Date();
  const loadAverageBefore = currentLoadAverage();
  const nproc = availableParallelism();
  log(
    `${options.quick ? 'quick' : 'full'} run: ${options.coworkers} coworkers, ${options.runs} runs ` +
      `of ${options.seconds} s; ${nproc} cores; load average before start ${loadAverageBefore.join(' ')}`,
  );
  if (loadAverageBefore[0] > nproc / 2) {
    log(
      `the machine is busy (1-minute load ${loadAverageBefore[0]} on ${nproc} cores): figures will be lower`,
    );
  }

  const { missing, stale } = buildState();
  if (
    options.build === 'always' ||
    (options.build === 'auto' && missing.length + stale.length > 0)
  ) {
    if (options.build === 'auto') {
      log(
        `production build ${missing.length ? 'missing' : 'older than the source'}: ${[...missing, ...stale].join(', ')}`,
      );
    }
    await buildApps();
  } else if (missing.length > 0) {
    throw new Error(`no production build of ${missing.join(', ')}: run \`pnpm bench --build\``);
  } else if (stale.length > 0) {
    log(`warning: the build of ${stale.join(', ')} is older than the source (--no-build)`);
  }

  const mailSink = await startMailSink();
  onShutdown(async () => {
    log(`mail sink: ${mailSink.received()} e-mails received`);
    await mailSink.stop();
  });
  const appEnv = {
    NODE_ENV: 'production',
    SMTP_URL: mailSink.url,
    HOTDESK_LOG_LEVEL: 'silent',
    HOTDESK_PORTAL_URL: portal.url,
    HOTDESK_ADMIN_URL: admin.url,
    // Dead rows stay where the housekeeping section puts them until it runs a pass itself.
    HOTDESK_HOUSEKEEPING_MINUTES: '0',
    ...generousLimits,
  };
  const wants = (section: Section) => options.only.includes(section);
  // Bookings and invoices for every member only when a section reads them: at a million
  // coworkers they would add tens of millions of rows to a search-only run.
  const { database, jwks, auditKeys } = await startBenchSystem(options.coworkers, appEnv, {
    memberContent: wants('lists'),
  });
  const url = database.url;
  log(`apps up: portal ${portal.url}, admin ${admin.url}`);
  const maxConcurrency = Math.max(...options.concurrencies);
  const fixtures = await prepareFixtures(database.prisma, {
    operators: Math.min(16, maxConcurrency),
    sample: 2_000,
  });

  // The floor: the same services, configuration and pool size as the apps, in this process.
  // The apps inherit this process's environment (HOTDESK_DB_POOL_SIZE=4 pnpm bench): so does the floor.
  const config = configFromEnv(
    readServerEnv({
      ...process.env,
      ...appEnv,
      DATABASE_URL: url,
      HOTDESK_JWKS: jwks,
      HOTDESK_AUDIT_KEYS: auditKeys,
    }),
  );
  // The floor logs as the apps do (appEnv: silent); its lines would land among the bench's.
  setLogSink(() => {});
  const keys = await loadKeySetFromJson(jwks);
  const db = createPrismaClient({ url, max: config.databasePoolSize });
  log(`database pool: ${config.databasePoolSize} connections per process`);
  attachAuditTrail(db, auditTrailFor(config, keys, loadAuditKeysFromJson(auditKeys)));
  onShutdown(() => db.$disconnect());
  const ctx = () => ({
    db,
    keys,
    config,
    now: () => new Date(),
    request: { ip: '127.0.0.1', userAgent: 'hotdesk-bench' },
  });

  const operatorBearers: string[] = [];
  for (const email of fixtures.operatorEmails)
    operatorBearers.push(await signInBearer(portal.url, email));
  const memberBearer = await signInBearer(portal.url, 'alice@example.com');
  const adminCookie = await signInAdminCookie(admin.url, 'owner@hotdesk.test');
  const adminActor = await authenticateAccessToken(ctx(), adminCookie.split('=')[1] ?? '', 'ADMIN');
  if (!adminActor) throw new Error('the admin session cookie does not authenticate');
  const owner = await database.prisma.user.findUniqueOrThrow({
    where: { email: 'owner@hotdesk.test' },
    select: { passwordHash: true },
  });
  const memoryAtStart = readAppsMemory();

  const h: Harness = {
    options,
    fixtures,
    operatorBearers,
    memberBearer,
    adminCookie,
    adminActor,
    ctx,
    databaseUrl: url,
    storedPasswordHash: owner.passwordHash ?? '',
    sections: [],
  };
  const flow = wants('flow') ? await measureFlow(h) : { http: [], inProcess: [], ratio: [] };
  const httpCeiling = wants('flow') ? await measureHttpCeiling(h) : undefined;
  const token = wants('token') ? await measureTokenGrants(h) : null;
  const profiles = wants('profiles') ? await measureProfiles(h) : [];
  const search = wants('search') ? await measureSearch(h) : {};
  const lists = wants('lists') ? await measureLists(h) : {};
  const housekeeping = wants('housekeeping') ? await measureHousekeeping(h) : null;
  const memoryAtEnd = readAppsMemory();

  const postgres = await database.prisma.$queryRaw<
    Array<{ server_version: string }>
  >`SHOW server_version`;
  const finishedAt = new Date();
  const results: BenchResults = {
    version: 1,
    meta: {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      totalSeconds: round((finishedAt.getTime() - startedAt.getTime()) / 1000),
      mode: options.quick ? 'quick' : options.only.length < SECTIONS.length ? 'partial' : 'full',
      label: options.label,
      runs: options.runs,
      runSeconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      coworkers: options.coworkers,
      git: gitState(),
      machine: {
        nproc,
        cpu: cpus()[0]?.model ?? 'unknown',
        memoryGiB: round(totalmem() / 2 ** 30),
        node: process.version,
        postgres: postgres[0]?.server_version ?? 'unknown',
        os: `${type()} ${release()}`,
      },
      loadAverageBefore,
      sections: h.sections,
      appEnv,
    },
    flow,
    token,
    profiles,
    httpCeiling,
    search,
    lists,
    housekeeping,
    memory: Object.fromEntries(
      apps.map((app) => [
        app.name,
        {
          startedMiB: round(memoryAtStart[app.name]?.rssMiB ?? NaN),
          peakMiB: round(memoryAtEnd[app.name]?.peakMiB ?? NaN),
        },
      ]),
    ),
  };
  await writeReports(results, { saveBefore: options.saveBefore });
  log(
    `peak memory: portal ${results.memory.portal?.peakMiB} MiB, admin ${results.memory.admin?.peakMiB} MiB`,
  );
}

main()
  .then(async () => {
    await shutdown();
    log('done');
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    console.error('[bench] failed:', error);
    await shutdown();
    process.exit(1);
  });
