import { type Prisma } from '@hotdesk/db';
import { type z } from 'zod';

import { type ServiceContext } from '../context';
import { type ErrorBody } from '../contract/rest-operation';
import { logger } from '../logging/logger';
import {
  asHotdeskError,
  badRequest,
  httpStatusOf,
  logUnavailable,
  unauthenticated,
} from '../errors';
import { type Actor } from '../sessions/actor';
import { authenticateWith } from '../sessions/authenticate';
import { refuseNulCharacters } from '../validation/nul-character';

export interface RestRequest {
  ctx: ServiceContext;
  req: Request;
  url: URL;
  params: Record<string, string>;
  /** Set by `requireBearer` once the bearer authenticates: whom the answer is served to. */
  caller: Actor | null;
}

const noStore = { 'Cache-Control': 'no-store' };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...noStore, ...headers },
  });
}

export function empty(status = 200): Response {
  return new Response(null, { status, headers: noStore });
}

/** The REST contract's error body: a stable code, a readable message and the field at fault. */
export function errorResponse(error: unknown): Response {
  const known = asHotdeskError(error);
  if (known) {
    const status = httpStatusOf(known);
    const headers: Record<string, string> = {};
    if (known.details.retryAfterSeconds)
      headers['Retry-After'] = String(known.details.retryAfterSeconds);
    if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
    if (known.code === 'UNAVAILABLE') logUnavailable(known, { transport: 'rest' });
    const body: ErrorBody = {
      error: known.code.toLowerCase(),
      message: known.message,
      ...(known.details.field ? { field: known.details.field } : {}),
    };
    return json(body, status, headers);
  }
  // A path segment with a broken %-escape (`%E0%A4%A`) cannot be decoded: malformed input, not
  // a server fault.
  if (error instanceof URIError) {
    return json(
      { error: 'bad_request', message: 'The request path is not validly %-encoded.' },
      400,
    );
  }
  // Never echo internals: the log has the details, the client a generic message.
  logger.error('rest.unexpected_error', { error });
  return json({ error: 'internal_error', message: 'Something went wrong on our side.' }, 500);
}

/**
 * The REST contract authenticates by the Authorization header only, never by cookie, so a
 * cross-site request can never act with a browser's session.
 */
export async function requireBearer(request: RestRequest): Promise<Actor> {
  return (await requireBearerWith(request, null)).actor;
}

/** `requireBearer`, reading `also` in the authenticating statement (`authenticateWith`). */
export async function requireBearerWith<T>(
  request: RestRequest,
  also: Prisma.Sql | null,
): Promise<{ actor: Actor; also: T }> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.req.headers.get('authorization') ?? '');
  const found = match?.[1]
    ? await authenticateWith<T>(request.ctx, match[1], 'PORTAL', also)
    : null;
  if (!found) throw unauthenticated('A valid bearer token is required.');
  request.caller = found.actor;
  return found;
}

/** Parses query parameters with a zod schema; the first problem becomes a 400 naming its field. */
export function parseQuery<T extends z.ZodType>(url: URL, schema: T): z.infer<T> {
  return parseWith(schema, Object.fromEntries(url.searchParams));
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  refuseNulCharacters(value, 'body');
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  throw badRequest(field, `${field}: ${issue?.message ?? 'invalid value'}`);
}
