import { HotdeskError } from '../errors';
import { json, type RestRequest } from '../rest/http';
import { nulCharacterRefusal } from '../validation/nul-character';
import { refreshSession } from './refresh-session';
import { signInWithPassword } from './sign-in';

/** OAuth-style failure body of `/api/token`: `{ error, error_description }`. */
function oauthError(
  error: string,
  description: string,
  status = 400,
  headers: Record<string, string> = {},
) {
  return json({ error, error_description: description }, status, headers);
}

function required(form: URLSearchParams, field: string): string {
  const value = form.get(field);
  if (!value) {
    throw new HotdeskError('BAD_REQUEST', `${field} is required.`, {
      field,
      oauthError: 'invalid_grant',
    });
  }
  return value;
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
    const clientId = form.get('client_id') ?? request.req.headers.get('client_id');
    const session =
      grantType === 'password'
        ? await signInWithPassword(request.ctx, {
            email: required(form, 'username'),
            password: required(form, 'password'),
            totp: form.get('totp'),
            clientId,
            audience: 'PORTAL',
            transport: 'bearer',
          })
        : grantType === 'refresh_token'
          ? await refreshSession(request.ctx, {
              refreshToken: required(form, 'refresh_token'),
              clientId,
            })
          : null;
    if (!session) {
      return oauthError('unsupported_grant_type', 'grant_type must be password or refresh_token.');
    }
    return json({
      access_token: session.accessToken,
      token_type: 'bearer',
      expires_in: Math.round(
        (session.accessExpiresAt.getTime() - request.ctx.now().getTime()) / 1000,
      ),
      refresh_token: session.refreshToken,
    });
  } catch (error) {
    if (error instanceof HotdeskError && error.details.oauthError) {
      const status = error.code === 'TOO_MANY_REQUESTS' ? 429 : 400;
      const headers: Record<string, string> = error.details.retryAfterSeconds
        ? { 'Retry-After': String(error.details.retryAfterSeconds) }
        : {};
      return oauthError(error.details.oauthError, error.message, status, headers);
    }
    throw error;
  }
}
