import { expect } from 'vitest';

import { dispatchRestRequest } from '../../src/rest/rest-router';
import { type ApiTestHarness } from '../support/api-test-harness';

export interface RawRestCall {
  method: string;
  /** Path and query exactly as an attacker would type them (not re-encoded by us). */
  target: string;
  headers?: Array<[string, string]>;
  body?: string;
}

export interface RestAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown> | null;
}

const origin = 'http://portal.test';

/**
 * Builds the request a client could really send, or null when no HTTP client could (an
 * invalid URL, a header value outside Latin-1, a body on GET): such inputs never reach a server.
 */
export function buildRequest(call: RawRestCall): Request | null {
  try {
    const headers = new Headers();
    for (const [name, value] of call.headers ?? []) headers.append(name, value);
    const method = call.method;
    const body =
      method.toUpperCase() === 'GET' || method.toUpperCase() === 'HEAD' ? undefined : call.body;
    return new Request(new URL(call.target, origin), { method, headers, body });
  } catch {
    return null;
  }
}

/** Runs the REST dispatcher in-process, as the portal's `/api/[...path]` route does. */
export async function sendRequest(h: ApiTestHarness, request: Request): Promise<RestAnswer> {
  const response = await dispatchRestRequest(h.ctx, request);
  const text = await response.text();
  let json: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = text ? JSON.parse(text) : null;
    json =
      parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export async function send(h: ApiTestHarness, call: RawRestCall): Promise<RestAnswer | null> {
  const request = buildRequest(call);
  return request ? sendRequest(h, request) : null;
}

const leakPatterns: Array<[string, RegExp]> = [
  ['a stack frame', /\n\s+at\s|\bat\s+\S+\s+\(.*:\d+:\d+\)/],
  ['a source path', /node_modules|\/work\/|[\w-]+\.(?:ts|js|mjs):\d+/],
  ['a database internal', /prisma|PrismaClient|SQLSTATE|violates|relation "|invalid input syntax/i],
  [
    'an exception name',
    /\b(?:TypeError|RangeError|URIError|SyntaxError|ReferenceError|ZodError)\b/,
  ],
];

const oauthErrors = new Set([
  'unsupported_grant_type',
  'invalid_grant',
  'two_factor_auth_check',
  'must_reset_password',
  'too_many_requests',
]);

/** What a 2xx of the contract looks like: one of its documented success bodies, or none. */
function isContractSuccess(answer: RestAnswer): boolean {
  if (answer.text === '') return true;
  const body = answer.json;
  if (!body) return false;
  return (
    typeof body.access_token === 'string' ||
    (typeof body.token === 'string' && Object.keys(body).every((key) => key === 'token')) ||
    (typeof body.token === 'string' && body.token_type === 'bearer') ||
    (typeof body.User === 'object' && Array.isArray(body.Profiles)) ||
    body.WasSuccessful === true ||
    Array.isArray(body.Records) ||
    typeof body.openapi === 'string'
  );
}

/**
 * The properties every REST answer must have, whatever was sent: never a 5xx, a JSON error
 * body with an `error` string, no stack trace or internal detail, and none of the secrets
 * the caller sent (passwords, tokens) echoed back.
 */
export function expectSafeAnswer(answer: RestAnswer, secrets: ReadonlyArray<string> = []): void {
  const shown = `${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, `no 5xx: ${shown}`).toBeLessThan(500);
  expect(answer.status, shown).toBeGreaterThanOrEqual(200);
  expect(answer.headers.get('cache-control') ?? '', `no-store: ${shown}`).toContain('no-store');
  if (answer.text !== '') {
    expect(answer.headers.get('content-type') ?? '', shown).toMatch(/^application\/json/);
    expect(answer.json, `a JSON object: ${shown}`).not.toBeNull();
  }
  if (answer.status >= 400) {
    const error = answer.json?.error;
    expect(typeof error === 'string' && error.length > 0, `an error code: ${shown}`).toBe(true);
    const described = answer.json?.message ?? answer.json?.error_description;
    expect(typeof described, `a readable message: ${shown}`).toBe('string');
    if (answer.json && 'error_description' in answer.json) {
      expect(oauthErrors.has(String(error)), `an OAuth error code: ${shown}`).toBe(true);
    }
  } else {
    expect(isContractSuccess(answer), `a contract success body: ${shown}`).toBe(true);
  }
  if (answer.status === 401) expect(answer.headers.get('www-authenticate'), shown).toBe('Bearer');
  if (answer.status === 405) expect(answer.headers.get('allow'), shown).toBeTruthy();
  if (answer.status === 429) expect(answer.headers.get('retry-after'), shown).toMatch(/^\d+$/);
  for (const [what, pattern] of leakPatterns) {
    expect(pattern.test(answer.text), `no ${what} in ${shown}`).toBe(false);
  }
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    for (const form of new Set([
      secret,
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
    ])) {
      expect(
        answer.text.includes(form),
        `the secret ${form.slice(0, 24)}… is echoed: ${shown}`,
      ).toBe(false);
    }
  }
}
