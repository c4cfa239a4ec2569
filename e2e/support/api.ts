import { DEMO_PASSWORD } from './portal';

/** Headers a client sends to claim an address (or that a trusted proxy sets). */
function claimed(forwardedFor?: string): Record<string, string> {
  return forwardedFor ? { 'X-Forwarded-For': forwardedFor, 'X-Real-IP': forwardedFor } : {};
}

/** The REST contract's password grant. */
export function passwordGrant(
  baseUrl: string,
  username: string,
  { password = DEMO_PASSWORD, forwardedFor }: { password?: string; forwardedFor?: string } = {},
): Promise<Response> {
  return fetch(`${baseUrl}/api/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...claimed(forwardedFor) },
    body: new URLSearchParams({ grant_type: 'password', username, password }),
  });
}

export async function bearerOf(baseUrl: string, email: string, forwardedFor?: string) {
  const response = await passwordGrant(baseUrl, email, { forwardedFor });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token) {
    throw new Error(`sign-in of ${email}: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

/** A REST call with an optional bearer and claimed address; the JSON body, if any. */
export async function rest(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  { bearer, forwardedFor }: { bearer?: string; forwardedFor?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}), ...claimed(forwardedFor) },
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

/**
 * A portal tRPC mutation as the app sends it (superjson, from a page of `origin`: by default
 * the instance's own; instances behind one load balancer share the public one).
 */
export async function trpcMutation(
  baseUrl: string,
  procedure: string,
  input: unknown,
  {
    bearer,
    forwardedFor,
    origin = baseUrl,
  }: { bearer?: string; forwardedFor?: string; origin?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: origin,
      ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
      ...claimed(forwardedFor),
    },
    body: JSON.stringify({ json: input }),
  });
  return { status: response.status, body: await response.json() };
}

/** The grant id (`jti`) inside a one-time impersonation token. */
export function grantIdOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { jti: string }).jti;
}
