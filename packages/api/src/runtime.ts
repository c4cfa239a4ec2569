import path from 'node:path';

import { loadKeySetFromJson, loadOrCreateKeySetFile, type KeySet } from '@hotdesk/auth';
import { createPrismaClient, readDbEnv, resolveDatabaseUrl, type PrismaClient } from '@hotdesk/db';

import { configFromEnv, type HotdeskConfig } from './config';
import { readServerEnv } from './env';

export interface Runtime {
  db: PrismaClient;
  keys: KeySet;
  config: HotdeskConfig;
  /** `Secure` and `__Host-` cookies whenever the apps are served over https. */
  secureCookies: boolean;
}

let runtime: Promise<Runtime> | undefined;

/** The process-wide services, built on first use (the database may start after the apps). */
export function getRuntime(): Promise<Runtime> {
  runtime ??= buildRuntime().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

async function buildRuntime(): Promise<Runtime> {
  const env = readServerEnv();
  const dbEnv = readDbEnv();
  const config = configFromEnv(env);
  return {
    db: createPrismaClient({ url: resolveDatabaseUrl(dbEnv) }),
    keys: await loadKeys(env.HOTDESK_JWKS, env.NODE_ENV, dbEnv.dataDir),
    config,
    secureCookies: config.portalUrl.startsWith('https:') && config.adminUrl.startsWith('https:'),
  };
}

async function loadKeys(
  jwks: string | undefined,
  nodeEnv: string,
  dataDir: string,
): Promise<KeySet> {
  if (jwks) return loadKeySetFromJson(jwks);
  // A key generated on the fly in production would silently differ between instances.
  if (nodeEnv === 'production') {
    throw new Error('HOTDESK_JWKS is required in production (see .env.example).');
  }
  return loadOrCreateKeySetFile(path.join(dataDir, 'keys', 'jwks.json'));
}
