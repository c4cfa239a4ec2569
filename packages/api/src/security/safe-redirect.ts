export interface SafeRedirectOptions {
  /** The app's own origin (`HOTDESK_ADMIN_URL`, `HOTDESK_PORTAL_URL`). */
  origin: string;
  /** Where to go when `next` is missing or not a path of this app. */
  fallback: string;
  /** Paths never to return to (the sign-in page itself), with everything under them. */
  avoid?: readonly string[];
}

/**
 * Where to send someone after sign-in, given the `next` the address asked for: a path of this
 * app, nothing else. Checking the string is not enough: the browser drops tabs and newlines,
 * reads `\` as `/` and collapses `..`, so `/%09/evil.example` or `/.//evil.example` become
 * `//evil.example`, another site. So `next` is resolved against the app's origin exactly as the
 * browser will resolve it, must land on that origin, and what comes back is the resolved path,
 * query and fragment: never a string the browser could read as another host. Both apps use it.
 */
export function safeRedirectPath(next: unknown, options: SafeRedirectOptions): string {
  const { origin, fallback, avoid = [] } = options;
  if (typeof next !== 'string' || next === '') return fallback;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return fallback;
  }
  const own = new URL(origin);
  // `blob:` URLs carry the origin of the URL inside them: the scheme must be the app's too.
  if (url.origin !== own.origin || url.protocol !== own.protocol) return fallback;
  // `//host/…` as a path would be read as a host when the browser resolves it again.
  if (url.pathname.startsWith('//')) return fallback;
  if (avoid.some((path) => url.pathname === path || url.pathname.startsWith(`${path}/`))) {
    return fallback;
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that comes back to `next` once signed in. */
export function signInPathReturningTo(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}
