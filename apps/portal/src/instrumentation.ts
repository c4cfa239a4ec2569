/**
 * Validates the settings when Next.js starts, so a bad value fails fast and loudly: under the
 * app server they were validated before it listened; under a bare `next start`, here.
 */
export async function register() {
  // Only the Node.js server has settings to check (Next.js also builds this for the Edge).
  // eslint-disable-next-line no-restricted-properties -- Next.js's own flag, not a setting
  if (process.env.NEXT_RUNTIME === 'nodejs') (await import('@hotdesk/api/env')).serverEnv();
}
