const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An app's configured URL as the person reaches it from this request. In development both apps
 * answer at every loopback name (localhost, 127.0.0.1, [::1]) and cookies belong to the host
 * name typed, so a hand-off between the apps keeps that name: the operator who opened the admin
 * app at 127.0.0.1 views the portal at 127.0.0.1 and comes back to the admin app there. A URL
 * that is not a loopback one (any deployment) is used exactly as configured.
 */
export function appUrlForRequest(configuredUrl: string, requestHost: string | null): string {
  const url = new URL(configuredUrl);
  const asConfigured = `${url.origin}${url.pathname.replace(/\/$/, '')}`;
  if (!requestHost || !loopbackHosts.has(url.hostname)) return asConfigured;
  let typed: string;
  try {
    typed = new URL(`http://${requestHost}`).hostname;
  } catch {
    return asConfigured;
  }
  if (!loopbackHosts.has(typed) || typed === url.hostname) return asConfigured;
  url.hostname = typed;
  return `${url.origin}${url.pathname.replace(/\/$/, '')}`;
}
