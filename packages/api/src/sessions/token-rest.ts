import { type z } from 'zod';

import { HotdeskError } from '../errors';
import { json, type RestRequest } from '../rest/http';
import { nulCharacterRefusal } from '../validation/nul-character';
import { refreshSession } from './refresh-session';
import { signInWithPassword } from './sign-in';
import {
  passwordGrant,
  refreshGrant,
  type oauthErrorBody,
  type tokenGrantResponse,
} from './token-contract';

type OAuthErrorBody = z.output<typeof oauthErrorBody>;

/** OAuth-style failure of `/api/token`: `{ error, error_description }`. */
function oauthError(error: OAuthErrorBody['error'], description: string) {
  return json({ error, error_description: description } satisfies OAuthErrorBody, 400);
}

/**
 * The form body, every field refused if it holds U+0000 (as every other input is, before its
 * schema): it would otherwise reach the account lookup and the database would answer a 500.
 */
function readForm(body: string): URLSearchParams {
  const form = new URLSearchParams(body);
  for (const [key, value] of form) {
    const refusal = nulCharacterRefusal({ [key]: value });
    if (refusal) {
      throw new HotdeskError('BAD_REQUEST', refusal.message, {
        ...refusal.details,
        oauthError: 'invalid_grant',
      });
    }
  }
  return form;
}

/** The grant's fields (the first of each name), or `invalid_grant` naming the one missing. */
function readGrant<T extends z.ZodObject>(schema: T, form: URLSearchParams): z.output<T> {
  const fields = Object.fromEntries(
    Object.keys(schema.shape).map((name) => [name, form.get(name) ?? undefined]),
  );
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  throw new HotdeskError('BAD_REQUEST', `${field} ${issue?.message ?? 'is invalid'}.`, {
    field,
    oauthError: 'invalid_grant',
  });
}

/** POST /api/token — password and refresh-token grants, form-encoded as the contract says. */
export async function tokenHandler(request: RestRequest): Promise<Response> {
  const contentType = request.req.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return oauthError(
      'unsupported_grant_type',
      'The body must be application/x-www-form-urlencoded.',
    );
  }
  try {
    const form = readForm(await request.req.text());
    const grantType = form.get('grant_type');
    const headerClientId = request.req.headers.get('client_id');
    let session;
    if (grantType === 'password') {
      const grant = readGrant(passwordGrant, form);
      session = await signInWithPassword(request.ctx, {
        email: grant.username,
        password: grant.password,
        totp: grant.totp,
        clientId: grant.client_id ?? headerClientId,
        audience: 'PORTAL',
        transport: 'bearer',
      });
    } else if (grantType === 'refresh_token') {
      const grant = readGrant(refreshGrant, form);
      session = await refreshSession(request.ctx, {
        refreshToken: grant.refresh_token,
        clientId: grant.client_id ?? headerClientId,
      });
    } else {
      return oauthError('unsupported_grant_type', 'grant_type must be password or refresh_token.');
    }
    return json({
      access_token: session.accessToken,
      token_type: 'bearer',
      expires_in: Math.round(
        (session.accessExpiresAt.getTime() - request.ctx.now().getTime()) / 1000,
      ),
      refresh_token: session.refreshToken,
    } satisfies z.output<typeof tokenGrantResponse>);
  } catch (error) {
    if (error instanceof HotdeskError && error.details.oauthError) {
      const status = error.code === 'TOO_MANY_REQUESTS' ? 429 : 400;
      const headers: Record<string, string> = error.details.retryAfterSeconds
        ? { 'Retry-After': String(error.details.retryAfterSeconds) }
        : {};
      const body = { error: error.details.oauthError, error_description: error.message };
      return json(body, status, headers);
    }
    throw error;
  }
}
