/**
 * Starts a fresh Hotdesk for one Playwright run through the shared launcher
 * (`@hotdesk/server/launcher`): a throwaway migrated and seeded database and both apps from
 * their production builds, each through its app server, and a mail catcher (MailDev) they send
 * to. Notes the database's address in
 * DATABASE_URL_FILE for tests that arrange their own data, prints READY_MESSAGE once both apps
 * answer `/api/health`; on SIGINT/SIGTERM stops the apps and drops the database.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startSystem } from '@hotdesk/server/launcher';
import {
  ADMIN_PORT,
  ADMIN_URL,
  DATABASE_URL_FILE,
  MAIL_SMTP_PORT,
  MAIL_WEB_PORT,
  PORTAL_PORT,
  PORTAL_URL,
  READY_MESSAGE,
  TOKEN_SECONDS,
} from '../support/system';

let stopSystem: (() => Promise<void>) | undefined;
let stopping: Promise<never> | undefined;

function stop(exitCode: number): Promise<never> {
  stopping ??= (async () => {
    console.info('[serve] stopping');
    await rm(DATABASE_URL_FILE, { force: true });
    try {
      await stopSystem?.();
    } catch (error) {
      console.error('[serve] could not stop cleanly:', error);
      exitCode ||= 1;
    }
    process.exit(exitCode);
  })();
  return stopping;
}

async function main() {
  const system = await startSystem({
    registerStop: (stop) => (stopSystem = stop),
    instances: [
      { app: 'portal', port: PORTAL_PORT },
      { app: 'admin', port: ADMIN_PORT },
    ],
    mailPorts: { smtp: MAIL_SMTP_PORT, web: MAIL_WEB_PORT },
    env: {
      // Warnings and errors only: a line per request would bury the run's own output.
      HOTDESK_LOG_LEVEL: process.env.HOTDESK_LOG_LEVEL ?? 'warn',
      HOTDESK_IMPERSONATION_TOKEN_SECONDS: String(TOKEN_SECONDS),
    },
    log: (message) => console.info(`[serve] ${message}`),
    onUnexpectedExit: (name, output) => {
      console.error(`[serve] ${name} exited unexpectedly:\n${output.join('\n')}`);
      void stop(1);
    },
  });
  await mkdir(path.dirname(DATABASE_URL_FILE), { recursive: true });
  await writeFile(DATABASE_URL_FILE, system.database.url);
  console.info(`[serve] ${READY_MESSAGE}: portal ${PORTAL_URL}, admin ${ADMIN_URL}`);
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

main().catch((error: unknown) => {
  console.error('[serve] failed to start:', error);
  void stop(1);
});
