import { type ApiTestHarness, type SignedIn } from './api-test-harness';

export interface ImpersonationOptions {
  /** `team-admin` uses the team endpoint; the default is the operator endpoint. */
  kind?: 'operator' | 'team-admin';
  mode?: 'read-only' | 'full';
  reason?: string;
  validForInMinutes?: number;
}

export interface StartedImpersonation {
  impersonator: SignedIn;
  impersonationId: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * The whole REST flow a client goes through: grant a one-time token, then exchange it for an
 * impersonated bearer session. Any refusal fails loudly, with the answer in the message.
 */
export async function impersonateViaRest(
  h: ApiTestHarness,
  impersonator: SignedIn | string,
  coworkerId: number,
  options: ImpersonationOptions = {},
): Promise<StartedImpersonation> {
  const actor = typeof impersonator === 'string' ? await h.signIn(impersonator) : impersonator;
  const extras: Record<string, string> = {};
  if (options.mode) extras.mode = options.mode;
  if (options.reason) extras.reason = options.reason;
  const grant =
    options.kind === 'team-admin'
      ? await h.rest('GET', `/api/public/coworkers/${coworkerId}/impersonate`, {
          bearer: actor.accessToken,
          query: extras,
        })
      : await h.rest('GET', '/api/sys/users/impersonate', {
          bearer: actor.accessToken,
          query: { coworkerId, ...extras },
        });
  if (grant.status !== 200) throw new Error(`grant refused: ${grant.status} ${grant.text}`);
  const token = String(grant.json?.token);
  const exchange = await h.rest('POST', '/api/sys/users/exchange', {
    query: { token, validForInMinutes: options.validForInMinutes ?? 60 },
  });
  if (exchange.status !== 200)
    throw new Error(`exchange refused: ${exchange.status} ${exchange.text}`);
  return {
    impersonator: actor,
    impersonationId: jtiOf(token),
    accessToken: String(exchange.json?.token),
    refreshToken: String(exchange.json?.refresh_token),
    expiresIn: Number(exchange.json?.expires_in),
  };
}

/** The grant id (`jti`) inside a one-time token, read without verifying it. */
export function jtiOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  return String(
    (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { jti?: unknown }).jti,
  );
}
