/**
 * Validates the settings when Next.js starts. Under the app server they were validated before it
 * listened, and this finds them; a bare `next start` stops here when they are wrong.
 */
export async function register() {
  // Only the Node.js server has settings to check (Next.js also builds this for the Edge).
  // eslint-disable-next-line no-restricted-properties -- Next.js's own flag, not a setting
  if (process.env.NEXT_RUNTIME === 'nodejs')
    (await import('@hotdesk/api/env')).exitUnlessServerEnvValid();
}
