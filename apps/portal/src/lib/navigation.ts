let leaving = false;

/**
 * A full page load to `url`. Used whenever the identity behind the cookie changes (sign-in,
 * profile switch, start or end of an impersonation), so nothing cached for the previous
 * identity survives on screen.
 */
export function loadPage(url: string, options: { replace?: boolean } = {}) {
  leaving = true;
  if (options.replace) window.location.replace(url);
  else window.location.assign(url);
}

/** True once this page has started navigating away on purpose: no "session changed" alarms. */
export function isLeavingPage() {
  return leaving;
}
