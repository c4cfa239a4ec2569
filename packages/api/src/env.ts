import path from 'node:path';

import {
  parseEnvironment,
  positiveInt,
  replacedSetting,
  requiredInProduction,
} from '@hotdesk/config/environment';
import { dbEnvSchema } from '@hotdesk/db/env';
import { processWide } from '@hotdesk/db/process-wide';
import { z } from 'zod';

import { maxImpersonationSessionMinutes } from './impersonation/rules';

const logLevel = z.enum(['info', 'warn', 'error', 'silent']).default('info');

/**
 * Every app's settings: the database's and the API's. The one base the apps extend
 * (packages/server/src/app-env.ts); each is documented in `.env.example`.
 */
export const serverEnvSchema = requiredInProduction(
  dbEnvSchema.safeExtend({
    HOTDESK_JWKS: z.string().optional(),
    HOTDESK_TOKEN_ISSUER: z.string().min(1).default('hotdesk'),
    HOTDESK_PORTAL_URL: z.url().default('http://localhost:3000'),
    HOTDESK_ADMIN_URL: z.url().default('http://localhost:3001'),
    HOTDESK_IMPERSONATION_TOKEN_SECONDS: positiveInt(60).pipe(z.number().max(300)),
    HOTDESK_IMPERSONATION_MAX_MINUTES: positiveInt(60).pipe(
      z.number().max(maxImpersonationSessionMinutes),
    ),
    HOTDESK_ACCESS_TOKEN_MINUTES: positiveInt(60),
    HOTDESK_SESSION_DAYS: positiveInt(30),
    HOTDESK_APP_SESSION_HOURS: positiveInt(12),
    HOTDESK_REFRESH_REUSE_GRACE_SECONDS: positiveInt(10).pipe(z.number().max(60)),
    HOTDESK_SIGNIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: positiveInt(5),
    HOTDESK_SIGNIN_MAX_FAILURES_PER_ACCOUNT: positiveInt(50),
    HOTDESK_SIGNIN_MAX_FAILURES_PER_IP: positiveInt(100),
    HOTDESK_SIGNIN_GLOBAL_FAILURE_BUDGET: positiveInt(1000),
    // Long enough to slow a guesser, short enough that a request never times out waiting.
    HOTDESK_SIGNIN_GLOBAL_DELAY_SECONDS: z.coerce.number().min(0).max(10).default(2),
    HOTDESK_SIGNIN_WINDOW_MINUTES: positiveInt(15),
    // Lockouts are remembered for 24 h: a longer one would be forgotten before it ended.
    HOTDESK_SIGNIN_MAX_LOCKOUT_MINUTES: positiveInt(1440).pipe(z.number().max(1440)),
    HOTDESK_IMPERSONATION_IDLE_MINUTES: positiveInt(15),
    HOTDESK_REAUTH_MINUTES: positiveInt(5),
    // Long enough to read an e-mail and answer, short enough that a yes is not a standing pass.
    HOTDESK_CONSENT_MINUTES: positiveInt(15).pipe(z.number().max(120)),
    HOTDESK_EXCHANGE_MAX_FAILURES_PER_IP: positiveInt(50),
    HOTDESK_GRANTS_PER_ACTOR_PER_HOUR: positiveInt(100),
    HOTDESK_AUDIT_KEYS: z.string().optional(),
    HOTDESK_AUDIT_CHECKPOINT_DIR: z
      .string()
      .refine((dir) => path.isAbsolute(dir), 'must be an absolute path')
      .optional(),
    HOTDESK_AUDIT_CHECKPOINT_MINUTES: positiveInt(5).pipe(z.number().max(1440)),
    // Proxies in front of the apps that append the client's address to X-Forwarded-For.
    HOTDESK_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    HOTDESK_TRUST_PROXY: replacedSetting(
      'HOTDESK_TRUST_PROXY was replaced by HOTDESK_TRUSTED_PROXY_HOPS: set that to the number ' +
        'of reverse proxies in front of Hotdesk that append to X-Forwarded-For (1 for one proxy, ' +
        '0 for none) and remove HOTDESK_TRUST_PROXY.',
    ),
    // Connections per app process (docs/benchmarks.md, "The pool, measured").
    HOTDESK_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    // 0 turns housekeeping off.
    HOTDESK_HOUSEKEEPING_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
    HOTDESK_SESSION_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
    // A lockout window lasts up to 24 h and is remembered 24 h after it ends: a counter younger
    // than that may still decide something.
    HOTDESK_RATE_LIMIT_RETENTION_HOURS: positiveInt(48).pipe(z.number().min(48)),
    // At least a day: members are promised a record of what was looked at, not a blank one.
    HOTDESK_LOOK_RETENTION_DAYS: positiveInt(365).pipe(z.number().max(3650)),
    // A sent e-mail's copy holds the member's address and the links it carried: kept a week by
    // default, 0 deletes it at the next pass.
    HOTDESK_SENT_MAIL_RETENTION_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    HOTDESK_LOG_LEVEL: logLevel,
    // Where e-mail to members goes (smtp:// or smtps://, credentials in the URL); unset, mail
    // waits in the outbox until it is set.
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
      .optional(),
    HOTDESK_MAIL_FROM: z.string().min(3).default('Hotdesk <no-reply@hotdesk.localhost>'),
  }),
  // A key generated on the fly in production would silently differ between instances.
  ['HOTDESK_JWKS', 'HOTDESK_AUDIT_KEYS'],
);

export type ServerEnv = z.output<typeof serverEnvSchema>;

/** Validates `source` (the process's environment by default); a bad value throws, naming it. */
export function readServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  return parseEnvironment(serverEnvSchema, source);
}

// The one validation of the process, whichever copy of this module reads it (processWide).
const validated = processWide('serverEnv', () => ({ env: undefined as ServerEnv | undefined }));

/**
 * This process's settings, validated once: at boot by the app server (`validateServerEnv`,
 * with its app's own settings), else on first use (CLIs, tests, a bare `next start`).
 */
export function serverEnv(): ServerEnv {
  validated.env ??= readServerEnv();
  return validated.env;
}

/**
 * Validates this process's environment against `schema` (the base, or an app's extension of
 * it) and keeps the result for `serverEnv()`. Throws, naming every variable at fault.
 */
export function validateServerEnv<Env extends ServerEnv>(schema: z.ZodType<Env>): Env {
  const env = parseEnvironment(schema, process.env);
  validated.env = env;
  return env;
}

/**
 * For a process nothing validated at boot (a bare `next start`, which is not how Hotdesk runs):
 * validates now and stops the process, naming what is wrong, rather than let it look ready and
 * answer every request with an error.
 */
export function exitUnlessServerEnvValid(): void {
  try {
    serverEnv();
  } catch (error) {
    console.error(`✖ ${(error as Error).message}`);
    process.exit(1);
  }
}

/** Log level of the default sink; tests run with `silent`. Read on its own: logging starts early. */
export function readLogLevel(source: Record<string, string | undefined> = process.env) {
  // A bad value is reported when the environment is validated; until then, the default.
  return logLevel.catch('info').parse(source.HOTDESK_LOG_LEVEL?.trim() || undefined);
}
