import path from 'node:path';

import {
  loadAuditKeysFromJson,
  loadKeySetFromJson,
  loadOrCreateAuditKeyFile,
  loadOrCreateKeySetFile,
  type AuditKeyRing,
  type KeySet,
} from '@hotdesk/auth';
import {
  createPrismaClient,
  dbEnvOf,
  processWide,
  resolveDatabaseUrl,
  type PrismaClient,
} from '@hotdesk/db';

import { attachAuditTrail, type AuditTrail } from './audit/audit-trail';
import { configFromEnv, type HotdeskConfig } from './config';
import { serverEnv, type ServerEnv } from './env';

export interface Runtime {
  db: PrismaClient;
  keys: KeySet;
  config: HotdeskConfig;
  /** `Secure` and `__Host-` cookies whenever the apps are served over https. */
  secureCookies: boolean;
}

// One per process (processWide): Next.js's copy of this package serves pages and tRPC with the
// app server's pool, audit sealer and admission limit, not a second set of its own.
const built = processWide('runtime', () => ({
  runtime: undefined as Promise<Runtime> | undefined,
}));

/**
 * The process-wide services, built from the settings validated at boot: by the app server
 * before it listens, else on first use (the database itself may start after the apps).
 */
export function getRuntime(): Promise<Runtime> {
  built.runtime ??= buildRuntime().catch((error: unknown) => {
    built.runtime = undefined;
    throw error;
  });
  return built.runtime;
}

async function buildRuntime(): Promise<Runtime> {
  const env = serverEnv();
  const dbEnv = dbEnvOf(env);
  const config = configFromEnv(env);
  const { keys, auditKeys } = await loadDeploymentKeys(env, dbEnv.dataDir);
  const db = createPrismaClient({ url: resolveDatabaseUrl(dbEnv), max: config.databasePoolSize });
  attachAuditTrail(db, auditTrailFor(config, keys, auditKeys));
  return {
    db,
    keys,
    config,
    secureCookies: config.portalUrl.startsWith('https:') && config.adminUrl.startsWith('https:'),
  };
}

/** How a deployment keeps its audit log, from its configuration and keys. */
export function auditTrailFor(
  config: HotdeskConfig,
  keys: KeySet,
  auditKeys: AuditKeyRing,
): AuditTrail {
  return {
    keys: auditKeys,
    checkpoints: {
      signer: keys,
      issuer: config.issuer,
      directory: config.auditCheckpoints.directory,
      intervalMs: config.auditCheckpoints.intervalMinutes * 60_000,
    },
  };
}

/**
 * The signing key set (HOTDESK_JWKS) and the audit keys (HOTDESK_AUDIT_KEYS): from the
 * environment, or in development generated once under the data folder (a validated production
 * environment always has both).
 */
export async function loadDeploymentKeys(
  env: ServerEnv,
  dataDir: string,
): Promise<{ keys: KeySet; auditKeys: AuditKeyRing }> {
  const keyFile = (name: string) => path.join(dataDir, 'keys', name);
  return {
    keys: env.HOTDESK_JWKS
      ? await loadKeySetFromJson(env.HOTDESK_JWKS)
      : await loadOrCreateKeySetFile(keyFile('jwks.json')),
    auditKeys: env.HOTDESK_AUDIT_KEYS
      ? loadAuditKeysFromJson(env.HOTDESK_AUDIT_KEYS)
      : await loadOrCreateAuditKeyFile(keyFile('audit-keys.json')),
  };
}
