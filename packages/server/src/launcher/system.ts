import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { repoRoot } from '@hotdesk/config/env-file';
import { generateAuditJwk, generateSigningJwk } from '@hotdesk/auth';
import { createTestDatabase, type TestDatabase } from '@hotdesk/db/testing';

import { type AppName } from '../app-server';
import {
  hasExited,
  launch,
  stopProcess,
  waitUntilHealthy,
  type LaunchedProcess,
} from './app-process';
import { freePort } from './free-port';
import { startMailCatcher } from './mail-catcher';

/**
 * Where a development-mode system's Next.js builds by default: apart from the `.next` of a
 * `pnpm dev` that may be running in the same checkout (Next allows one dev server per folder).
 */
export const LAUNCHER_NEXT_DIST_DIR = '.next-launcher';

export interface InstanceSpec {
  app: AppName;
  /** How output and errors name it; by default the app's name, numbered from the second on. */
  name?: string;
  /** A fixed port; by default one the system chooses. */
  port?: number;
  /** Settings of this instance alone, over the system's. */
  env?: Record<string, string>;
}

export interface SystemOptions {
  /** `production` (the default): the production builds. `development`: as `pnpm dev` runs. */
  mode?: 'production' | 'development';
  /** By default one portal and one admin app. */
  instances?: InstanceSpec[];
  /** Settings for every instance. */
  env?: Record<string, string>;
  /**
   * Development mode: the folder (in each app's, git-ignored as `.next-launcher*`) Next builds
   * in; two development systems running at once need two.
   */
  nextDistDir?: string;
  /** Where the system's mail catcher listens; by default ports the system chooses. */
  mailPorts?: { smtp: number; web: number };
  /** Runs on the fresh, migrated and seeded database before any app starts. */
  prepareDatabase?: (database: TestDatabase) => Promise<void>;
  /** Every line any started process prints; by default printed with its name. */
  onOutput?: (name: string, line: string) => void;
  /** A process that exits on its own after the start (a crash). */
  onUnexpectedExit?: (name: string, output: string[]) => void;
  log?: (message: string) => void;
  /**
   * Receives `stop` as soon as the start begins, so that a caller interrupted meanwhile (Ctrl-C
   * during a long seed) still stops what was started and drops the database.
   */
  registerStop?: (stop: () => Promise<void>) => void;
}

export interface AppInstance extends LaunchedProcess {
  app: AppName;
  port: number;
  url: string;
}

export interface HotdeskSystem {
  /** The throwaway database (dropped by `stop`). */
  database: TestDatabase;
  /** The key set every instance signs and verifies with. */
  jwks: string;
  /** The audit keys every instance keys the audit chain with. */
  auditKeys: string;
  instances: AppInstance[];
  /** The mail catcher every instance sends to: its inbox and API at `webUrl`. */
  mail: { smtpUrl: string; webUrl: string };
  /** The instance of that name (see InstanceSpec.name). */
  instance(name: string): AppInstance;
  /** Stops every process and drops the database; safe to call twice. */
  stop(): Promise<void>;
}

const appDir = (app: AppName) => path.join(repoRoot, 'apps', app);

function assertBuilt(app: AppName) {
  if (!existsSync(path.join(appDir(app), '.next', 'BUILD_ID'))) {
    throw new Error(
      `@hotdesk/${app} has no production build: run \`pnpm build\` ` +
        `(or \`pnpm --filter @hotdesk/${app} build\`).`,
    );
  }
}

function named(specs: InstanceSpec[]): Array<InstanceSpec & { name: string }> {
  const seen: Record<string, number> = {};
  return specs.map((spec) => {
    seen[spec.app] = (seen[spec.app] ?? 0) + 1;
    const count = seen[spec.app] ?? 1;
    return { ...spec, name: spec.name ?? (count === 1 ? spec.app : `${spec.app}-${count}`) };
  });
}

/**
 * A whole Hotdesk for e2e, the benchmark and tests that need real processes: a throwaway
 * database (migrated, demo data) on the test server, one signing key, and each app instance
 * through its app server (packages/server), answering `/api/health` before this resolves. In
 * development mode it also runs `pnpm dev`'s database task, which the apps wait for. Settings
 * come from `options.env` and the environment, never from a `.env` file.
 */
export async function startSystem(options: SystemOptions = {}): Promise<HotdeskSystem> {
  const mode = options.mode ?? 'production';
  const specs = named(options.instances ?? [{ app: 'portal' }, { app: 'admin' }]);
  const log = options.log ?? ((message: string) => console.info(`[system] ${message}`));
  const onOutput = options.onOutput ?? ((name, line) => console.info(`[${name}] ${line}`));
  if (mode === 'production') new Set(specs.map((spec) => spec.app)).forEach(assertBuilt);
  if (mode === 'development' && new Set(specs.map((s) => s.app)).size < specs.length) {
    throw new Error('one development instance per app: they would share a build folder');
  }

  const processes: LaunchedProcess[] = [];
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(processes.map(stopProcess));
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      if (database) {
        await database.drop();
        log(`dropped the database ${new URL(database.url).pathname.slice(1)}`);
      }
    })());
  options.registerStop?.(stop);

  try {
    database = await createTestDatabase({ seed: true });
    log(`created the database ${new URL(database.url).pathname.slice(1)}`);
    await options.prepareDatabase?.(database);
    // One signing key, so the portal accepts what the admin app issues, and one audit key, so
    // every instance keys the one audit chain alike.
    const jwks = JSON.stringify({ keys: [await generateSigningJwk()] });
    const auditKeys = JSON.stringify({ keys: [generateAuditJwk()] });
    const plans: Array<InstanceSpec & { name: string; port: number; url: string }> = [];
    for (const spec of specs) {
      const port = spec.port ?? (await freePort());
      plans.push({ ...spec, port, url: `http://localhost:${port}` });
    }
    // Members' e-mail goes to a catcher of the system's own, where tests read it back.
    const mail = await startMailCatcher({
      smtpPort: options.mailPorts?.smtp ?? (await freePort()),
      webPort: options.mailPorts?.web ?? (await freePort()),
      onOutput,
    });
    processes.push(mail);
    log(`mail catcher at ${mail.webUrl}`);
    const firstOf = (app: AppName) => plans.find((plan) => plan.app === app)?.url;
    const sharedEnv: NodeJS.ProcessEnv = {
      // Handed on whole to the apps, which validate it.
      // eslint-disable-next-line no-restricted-properties
      ...process.env,
      HOTDESK_ENV_FILE: 'off',
      DATABASE_URL: database.url,
      HOTDESK_JWKS: jwks,
      HOTDESK_AUDIT_KEYS: auditKeys,
      SMTP_URL: mail.smtpUrl,
      ...(firstOf('portal') ? { HOTDESK_PORTAL_URL: firstOf('portal') } : {}),
      ...(firstOf('admin') ? { HOTDESK_ADMIN_URL: firstOf('admin') } : {}),
      ...options.env,
    };
    if (mode === 'development') {
      dataDir = await mkdtemp(path.join(tmpdir(), 'hotdesk-launcher-'));
      sharedEnv.HOTDESK_DATA_DIR = dataDir;
      sharedEnv.HOTDESK_NEXT_DIST_DIR = options.nextDistDir ?? LAUNCHER_NEXT_DIST_DIR;
      const cwd = path.join(repoRoot, 'packages/db');
      const args = ['--import', 'tsx', 'src/cli/dev.ts'];
      processes.push(launch('database', args, { cwd, env: sharedEnv, onOutput }));
    }
    const instances = plans.map((plan): AppInstance => {
      const args = ['--import', 'tsx', 'server.ts', '--port', String(plan.port)];
      if (mode === 'development') args.push('--dev');
      const env = { ...sharedEnv, ...plan.env };
      const launched = launch(plan.name, args, { cwd: appDir(plan.app), env, onOutput });
      processes.push(launched);
      return { ...launched, app: plan.app, port: plan.port, url: plan.url };
    });
    await Promise.all(instances.map((instance) => waitUntilHealthy(instance, instance.url)));
    for (const launched of processes) {
      launched.process.once('exit', () => {
        if (!stopping) options.onUnexpectedExit?.(launched.name, launched.output);
      });
      if (hasExited(launched))
        throw new Error(`${launched.name} exited:\n${launched.output.join('\n')}`);
    }
    return {
      database,
      jwks,
      auditKeys,
      instances,
      mail: { smtpUrl: mail.smtpUrl, webUrl: mail.webUrl },
      instance(name) {
        const found = instances.find((instance) => instance.name === name);
        if (!found) throw new Error(`no instance named ${name}`);
        return found;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
