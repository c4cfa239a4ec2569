import { type ServerEnv } from './env';
import { type RuleSettings } from './impersonation/rules';

/** Runtime settings the services read; built once from the validated env, overridable in tests. */
export interface HotdeskConfig {
  issuer: string;
  /** `aud` of one-time tokens: only the exchange accepts them. */
  exchangeAudience: string;
  /** `aud` of the tokens in e-mails' links (mail-links/): only those links' pages accept them. */
  mailLinkAudience: string;
  portalUrl: string;
  adminUrl: string;
  impersonationTokenSeconds: number;
  impersonationMaxMinutes: number;
  accessTokenMinutes: number;
  sessionDays: number;
  appSessionHours: number;
  /**
   * A rotated refresh token presented again within this many seconds gets the same new pair
   * (two tabs refreshing at once); later, it ends the session as stolen.
   */
  refreshReuseGraceSeconds: number;
  /**
   * Failed sign-ins within `windowMinutes` per account from one address, per account from all
   * addresses (never applied to the owner's usual address) and per address across accounts;
   * each lockout that follows another within 24 hours lasts twice as long, up to
   * `maxLockoutMinutes`. Past `globalFailureBudget` failures everywhere in the window, attempts
   * wait `globalDelaySeconds` first (abuse/sign-in-throttle.ts).
   */
  signInLimits: {
    perAccountAndIp: number;
    perAccount: number;
    perIp: number;
    windowMinutes: number;
    maxLockoutMinutes: number;
    globalFailureBudget: number;
    globalDelaySeconds: number;
  };
  /** An impersonated session unused this long ends, whatever its absolute expiry. */
  impersonationIdleMinutes: number;
  /** Full-mode impersonation needs a password (or TOTP) proof this recent. */
  reauthMinutes: number;
  /**
   * Where a location asks the member first: how long a request waits for their answer, and how
   * long their yes stays good for the one view it allows.
   */
  consentMinutes: number;
  exchangeFailuresPerIp: { limit: number; windowMinutes: number };
  grantsPerActor: { limit: number; windowMinutes: number };
  /** Signed checkpoints of the audit chain's head: where (null: the log) and how often. */
  auditCheckpoints: { directory: string | null; intervalMinutes: number };
  /**
   * Reverse proxies in front of the app that append to X-Forwarded-For; the app server takes
   * the client's address this many entries from the right (0: the connection's own address).
   */
  trustedProxyHops: number;
  /** Database connections each app process keeps at most. */
  databasePoolSize: number;
  /** E-mail to members, sent from the outbox (notifications/mail-sender.ts). */
  mail: {
    /** null: nothing is sent; mail waits in the outbox. */
    smtpUrl: string | null;
    from: string;
  };
  /** Deleting what no longer decides anything; see housekeeping/housekeeping.ts. */
  housekeeping: {
    /** Between two passes; 0 turns housekeeping off. */
    intervalMinutes: number;
    /** A session is deleted this long after its absolute expiry. */
    sessionRetentionDays: number;
    /** A rate-limit counter is deleted this long after its window started. */
    rateLimitRetentionHours: number;
    /** A record of a read served to an impersonated session is deleted this long after it. */
    lookRetentionDays: number;
    /** A sent e-mail's copy in the outbox is deleted this long after it was sent. */
    sentMailRetentionDays: number;
  };
}

export function configFromEnv(env: ServerEnv): HotdeskConfig {
  return {
    issuer: env.HOTDESK_TOKEN_ISSUER,
    exchangeAudience: `${env.HOTDESK_TOKEN_ISSUER}:impersonation-exchange`,
    mailLinkAudience: `${env.HOTDESK_TOKEN_ISSUER}:mail-links`,
    portalUrl: env.HOTDESK_PORTAL_URL.replace(/\/$/, ''),
    adminUrl: env.HOTDESK_ADMIN_URL.replace(/\/$/, ''),
    impersonationTokenSeconds: env.HOTDESK_IMPERSONATION_TOKEN_SECONDS,
    impersonationMaxMinutes: env.HOTDESK_IMPERSONATION_MAX_MINUTES,
    accessTokenMinutes: env.HOTDESK_ACCESS_TOKEN_MINUTES,
    sessionDays: env.HOTDESK_SESSION_DAYS,
    appSessionHours: env.HOTDESK_APP_SESSION_HOURS,
    refreshReuseGraceSeconds: env.HOTDESK_REFRESH_REUSE_GRACE_SECONDS,
    signInLimits: {
      perAccountAndIp: env.HOTDESK_SIGNIN_MAX_FAILURES_PER_ACCOUNT_AND_IP,
      perAccount: env.HOTDESK_SIGNIN_MAX_FAILURES_PER_ACCOUNT,
      perIp: env.HOTDESK_SIGNIN_MAX_FAILURES_PER_IP,
      windowMinutes: env.HOTDESK_SIGNIN_WINDOW_MINUTES,
      maxLockoutMinutes: env.HOTDESK_SIGNIN_MAX_LOCKOUT_MINUTES,
      globalFailureBudget: env.HOTDESK_SIGNIN_GLOBAL_FAILURE_BUDGET,
      globalDelaySeconds: env.HOTDESK_SIGNIN_GLOBAL_DELAY_SECONDS,
    },
    impersonationIdleMinutes: env.HOTDESK_IMPERSONATION_IDLE_MINUTES,
    reauthMinutes: env.HOTDESK_REAUTH_MINUTES,
    consentMinutes: env.HOTDESK_CONSENT_MINUTES,
    exchangeFailuresPerIp: { limit: env.HOTDESK_EXCHANGE_MAX_FAILURES_PER_IP, windowMinutes: 15 },
    grantsPerActor: { limit: env.HOTDESK_GRANTS_PER_ACTOR_PER_HOUR, windowMinutes: 60 },
    trustedProxyHops: env.HOTDESK_TRUSTED_PROXY_HOPS,
    databasePoolSize: env.HOTDESK_DB_POOL_SIZE,
    mail: { smtpUrl: env.SMTP_URL ?? null, from: env.HOTDESK_MAIL_FROM },
    housekeeping: {
      intervalMinutes: env.HOTDESK_HOUSEKEEPING_MINUTES,
      sessionRetentionDays: env.HOTDESK_SESSION_RETENTION_DAYS,
      rateLimitRetentionHours: env.HOTDESK_RATE_LIMIT_RETENTION_HOURS,
      lookRetentionDays: env.HOTDESK_LOOK_RETENTION_DAYS,
      sentMailRetentionDays: env.HOTDESK_SENT_MAIL_RETENTION_DAYS,
    },
    auditCheckpoints: {
      directory: env.HOTDESK_AUDIT_CHECKPOINT_DIR ?? null,
      intervalMinutes: env.HOTDESK_AUDIT_CHECKPOINT_MINUTES,
    },
  };
}

/** The settings the impersonation rules read. */
export function ruleSettingsOf(config: HotdeskConfig): RuleSettings {
  return {
    tokenSeconds: config.impersonationTokenSeconds,
    maxSessionMinutes: config.impersonationMaxMinutes,
    idleMinutes: config.impersonationIdleMinutes,
    reauthMinutes: config.reauthMinutes,
  };
}
