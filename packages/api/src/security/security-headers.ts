/**
 * Response headers both apps send on every page and API answer. The CSP allows only our own
 * scripts carrying this request's nonce (Next.js puts it on its scripts when it sees the
 * policy on the request); styles may be inline because Radix positions popovers with style
 * attributes, which a nonce cannot cover.
 */
export function securityHeaders(options: { nonce: string; development: boolean; https: boolean }) {
  const scriptSources = [`'self'`, `'nonce-${options.nonce}'`, `'strict-dynamic'`];
  // React's development build evaluates code for its error overlay and fast refresh.
  if (options.development) scriptSources.push(`'unsafe-eval'`);
  const policy = [
    `default-src 'self'`,
    `script-src ${scriptSources.join(' ')}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'${options.development ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    // No page of ours ever needs to tell another site where the user came from; the
    // impersonation landing in particular must never leak its URL.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(options.https
      ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' }
      : {}),
  };
}

/** 128 random bits, base64: unguessable per request. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * What an API answer (JSON, never rendered) carries instead: nothing may load from it, frame it
 * or sniff it into something else. API routes skip the apps' proxy, whose per-request nonce
 * and request rewriting cost a quarter of a small request's time and protect no page here.
 */
function apiSecurityHeaders(options: { https: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': `default-src 'none'; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    ...(options.https
      ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' }
      : {}),
  };
}

type RouteHandler<A extends unknown[]> = (...args: A) => Response | Promise<Response>;

/**
 * Wraps a Next.js route handler under /api so that every answer has the API headers. `https`
 * may be a function, asked at the first answer: Next.js also loads a route at build time, when
 * the deployment's settings are not there to read.
 */
export function withApiSecurityHeaders<A extends unknown[]>(
  handler: RouteHandler<A>,
  options: { https: boolean | (() => boolean) },
): (...args: A) => Promise<Response> {
  let headers: Array<[string, string]> | undefined;
  return async (...args) => {
    const response = await handler(...args);
    const { https } = options;
    headers ??= Object.entries(
      apiSecurityHeaders({ https: typeof https === 'function' ? https() : https }),
    );
    for (const [name, value] of headers) response.headers.set(name, value);
    return response;
  };
}
