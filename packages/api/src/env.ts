import path from 'node:path';

import { z } from 'zod';

import { maxImpersonationSessionMinutes } from './impersonation/rules';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const serverEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
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
  // Connections per app process (docs/benchmarks.md, "The pool, measured").
  HOTDESK_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  // 0 turns housekeeping off.
  HOTDESK_HOUSEKEEPING_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
  HOTDESK_SESSION_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  // A lockout window lasts up to 24 h and is remembered 24 h after it ends: a counter younger
  // than that may still decide something.
  HOTDESK_RATE_LIMIT_RETENTION_HOURS: positiveInt(48).pipe(z.number().min(48)),
});

/** Settings that no longer exist, and what replaced them: refused, so nobody relies on them. */
const replacedSettings: Record<string, string> = {
  HOTDESK_TRUST_PROXY:
    'HOTDESK_TRUST_PROXY was replaced by HOTDESK_TRUSTED_PROXY_HOPS: set that to the number ' +
    'of reverse proxies in front of Hotdesk that append to X-Forwarded-For (1 for one proxy, ' +
    '0 for none) and remove HOTDESK_TRUST_PROXY.',
};

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** Validates the server environment once; a bad value stops the app with the variable named. */
export function readServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const parsed = serverEnvSchema.safeParse(source);
  const problems = Object.entries(replacedSettings)
    .filter(([name]) => source[name] !== undefined && source[name] !== '')
    .map(([name, advice]) => `${name}: ${advice}`);
  if (!parsed.success) {
    problems.push(
      ...parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  if (problems.length > 0 || !parsed.success) {
    throw new Error(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** Log level of the default sink; tests run with `silent`. Read on its own: logging starts early. */
export function readLogLevel(source: Record<string, string | undefined> = process.env) {
  const level = source.HOTDESK_LOG_LEVEL;
  return level === 'silent' || level === 'error' || level === 'warn' ? level : 'info';
}
