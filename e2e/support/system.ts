import path from 'node:path';

/**
 * Ports of the system `scripts/serve.ts` starts for a run; away from the dev ports 3000/3001.
 * `HOTDESK_E2E_PORT` moves both (portal on it, admin on the next), so two checkouts can run
 * their suites side by side.
 */
export const PORTAL_PORT = Number(process.env.HOTDESK_E2E_PORT) || 3100;
export const ADMIN_PORT = PORTAL_PORT + 1;

/** The run's mail catcher (MailDev): its web inbox and API, and its SMTP port just above. */
export const MAIL_WEB_PORT = Number(process.env.HOTDESK_E2E_MAIL_PORT) || PORTAL_PORT + 10;
export const MAIL_SMTP_PORT = MAIL_WEB_PORT + 1;
export const MAIL_WEB_URL = `http://localhost:${MAIL_WEB_PORT}`;

export const PORTAL_URL = `http://localhost:${PORTAL_PORT}`;
export const ADMIN_URL = `http://localhost:${ADMIN_PORT}`;

/**
 * How long one-time impersonation links live in this system. Not the default (60), so tests
 * prove the apps show the server's setting rather than a number of their own.
 */
export const TOKEN_SECONDS = 45;

/** What `serve.ts` prints once both apps answer `/api/health`; Playwright waits for it. */
export const READY_MESSAGE = 'Hotdesk e2e system ready';

const e2eRoot = path.resolve(import.meta.dirname, '..');

/**
 * Where `serve.ts` writes the address of the run's throwaway database, for the few tests that
 * must arrange what no screen can (support/database.ts). It sits in Playwright's output folder,
 * which every run empties before it starts the system.
 */
export const DATABASE_URL_FILE = path.join(e2eRoot, 'test-results', '.database-url');

/** Deliberate screenshots, kept for people to look at (git-ignored). */
export function artifactPath(fileName: string): string {
  return path.join(e2eRoot, 'artifacts', fileName);
}
