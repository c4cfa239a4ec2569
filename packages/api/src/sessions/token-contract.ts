import { z } from 'zod';

import { restComponents, unavailable, type RestOperation } from '../contract/rest-operation';

// What `POST /api/token` takes and answers (token-rest.ts), in the OAuth shape Nexudus uses.

const requiredText = z.string({ error: 'is required' }).min(1, 'is required');
const clientId = z.string().optional().meta({
  description:
    'Defaults to the e-mail; a refresh must name the same. Also accepted as a `client_id` header.',
});

export const passwordGrant = z.object({
  grant_type: z.literal('password'),
  username: requiredText.meta({ description: 'The e-mail address.' }),
  password: requiredText,
  totp: z.string().optional().meta({ description: 'Six-digit code when two-factor is on.' }),
  client_id: clientId,
});

export const refreshGrant = z.object({
  grant_type: z.literal('refresh_token'),
  refresh_token: requiredText.meta({ description: 'Single use: a refresh rotates both tokens.' }),
  client_id: clientId,
});

export const oauthErrorCodes = [
  'unsupported_grant_type',
  'invalid_grant',
  'two_factor_auth_check',
  'must_reset_password',
  'too_many_requests',
] as const;

export const oauthErrorBody = z.object({
  error: z.enum(oauthErrorCodes),
  error_description: z.string(),
});
restComponents.add(oauthErrorBody, { id: 'OAuthError' });

export const tokenGrantResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.int().min(0).meta({ description: 'Seconds.' }),
  refresh_token: z.string(),
});
restComponents.add(tokenGrantResponse, { id: 'TokenGrant' });

export const tokenOperation: RestOperation = {
  method: 'post',
  path: '/api/token',
  operationId: 'signIn',
  summary: 'Password or refresh-token grant',
  description: (config) =>
    'A refresh rotates both tokens. The replaced refresh token, presented again by the same ' +
    `client within ${config.refreshReuseGraceSeconds} s (HOTDESK_REFRESH_REUSE_GRACE_SECONDS: ` +
    'two tabs refreshing at once) gets the same new pair again; presented later, it is taken ' +
    'for a stolen copy: the whole session ends, with every impersonation started from it, and ' +
    'the answer is `invalid_grant` saying so.',
  bearer: false,
  body: {
    contentType: 'application/x-www-form-urlencoded',
    schema: z.discriminatedUnion('grant_type', [passwordGrant, refreshGrant]),
  },
  responses: {
    200: { description: 'Signed in.', body: tokenGrantResponse },
    400: {
      description:
        'Refused; `error` says why (a JSON body, or a `grant_type` other than the two, is ' +
        '`unsupported_grant_type`; a missing field, bad credentials or a bad refresh token is ' +
        '`invalid_grant`).',
      body: oauthErrorBody,
    },
    429: {
      description: (config) =>
        `At least ${config.signInLimits.perAccountAndIp} failures in ` +
        `${config.signInLimits.windowMinutes} minutes for this account from this address, ` +
        `${config.signInLimits.perAccount} for this account from all addresses, or ` +
        `${config.signInLimits.perIp} from this address (HOTDESK_SIGNIN_*): ` +
        '`too_many_requests`; wait `Retry-After` seconds.',
      body: oauthErrorBody,
      retryAfter: true,
    },
    503: unavailable,
  },
};
