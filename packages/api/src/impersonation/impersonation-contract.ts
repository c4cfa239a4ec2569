import { MAX_IMPERSONATION_TOKEN_LENGTH } from '@hotdesk/auth';
import { z } from 'zod';

import { numberText, recordId, recordIdText } from '../contract/fields';
import {
  errorBody,
  malformedInput,
  restComponents,
  unauthenticatedBearer,
  unavailable,
  type RestOperation,
} from '../contract/rest-operation';
import { maxImpersonationSessionMinutes, reasonMaxLength } from './rules';

/*
 * What the impersonation operations take and answer, once for both transports: the REST
 * contract's grants and exchange (impersonation-rest.ts) and the apps' procedures
 * (impersonation-router.ts) read these schemas, and rest/openapi.ts documents them.
 */

export const impersonationMode = z
  .enum(['read-only', 'full', 'READ_ONLY', 'FULL'], { error: 'must be read-only or full' })
  .transform((mode) =>
    mode === 'full' || mode === 'FULL' ? ('FULL' as const) : ('READ_ONLY' as const),
  )
  .optional()
  .meta({ description: 'Hotdesk only: read-only (the default) or full.' });

export const impersonationReason = z
  .string()
  .trim()
  .max(reasonMaxLength, `must be at most ${reasonMaxLength} characters`)
  .optional()
  .meta({ description: 'Hotdesk only: why (a location may require one, full mode may too).' });

/**
 * The one-time token, verified and never stored: whatever its shape or size, a present token
 * that does not verify is refused by the verifier (401, UNAUTHORIZED), never by this schema.
 */
export const oneTimeToken = z
  .string({ error: 'is required' })
  .min(1, 'is required')
  .meta({
    description:
      `The one-time token from a grant. One that does not verify (malformed, longer than ` +
      `${MAX_IMPERSONATION_TOKEN_LENGTH} characters, tampered, expired, used, revoked) is a 401.`,
  });

/**
 * Minutes a client asks an impersonated session to last: any positive integer, read as at most
 * a day; the server's and the location's caps then apply (rules/ `sessionMinutesFor`), and
 * the answer says the real lifetime.
 */
export const validForInMinutes = z
  .number()
  .min(1, 'must be a positive integer')
  .multipleOf(1, 'must be a positive integer')
  .transform((minutes) => Math.min(minutes, maxImpersonationSessionMinutes))
  .meta({ type: 'integer' });

// 309 digits and more read as Infinity, which no number schema takes: still a positive integer.
const validForInMinutesText = numberText(validForInMinutes, (digits) =>
  Math.min(Number(digits), Number.MAX_VALUE),
);

/** The apps' grant procedures (impersonation.start, impersonation.startForTeamMember). */
export const grantInput = z.object({
  coworkerId: recordId,
  reason: impersonationReason,
  mode: impersonationMode,
});

/**
 * The apps' grants may also be marked urgent: started without the member's yes where the
 * location asks for it and allows urgent views (operators only); the member is told afterwards.
 * The REST contract has no such field: there, such a view waits for the member.
 */
export const appGrantInput = grantInput.extend({ urgent: z.boolean().optional() });

/** The same grant over REST: the id arrives as text. */
export const operatorGrantQuery = grantInput.extend({
  coworkerId: recordIdText.meta({ description: 'The coworker to view as.' }),
});

export const teamAdminGrantPath = z.object({
  coworkerId: recordIdText.meta({ description: 'The team member to view as.' }),
});
export const teamAdminGrantQuery = grantInput.omit({ coworkerId: true });

export const exchangeQuery = z.object({
  token: oneTimeToken,
  validForInMinutes: validForInMinutesText,
});

/**
 * The portal's own exchange (impersonation.exchange): the same token and minutes, the token in
 * the body; the portal asks for an hour unless it says otherwise.
 */
export const exchangeInput = z.object({
  token: oneTimeToken,
  validForMinutes: validForInMinutes.default(60),
});

export const previewInput = z.object({ token: oneTimeToken });

export const grantResponse = z.object({
  token: z.string().meta({ description: 'The one-time token: single use, short-lived.' }),
});
restComponents.add(grantResponse, { id: 'OneTimeToken' });

export const exchangeResponse = z.object({
  token: z.string().meta({ description: 'Access token of the impersonated session.' }),
  token_type: z.literal('bearer'),
  expires_in: z.int().min(0).meta({ description: 'Real lifetime in seconds, after the caps.' }),
  refresh_token: z.string(),
});
restComponents.add(exchangeResponse, { id: 'ExchangeResult' });

const grantSideEffects =
  'Has side effects (a grant, an audit event, a unit of the hourly allowance): HEAD is 405. ' +
  'Every attempt, refused or not, counts against the allowance.';

const granted = {
  description: (config: { impersonationTokenSeconds: number }) =>
    `Granted: a one-time token for the exchange, valid ${config.impersonationTokenSeconds} s ` +
    '(HOTDESK_IMPERSONATION_TOKEN_SECONDS), single use.',
  body: grantResponse,
};

const tooManyGrants = {
  description: (config: { grantsPerActor: { limit: number } }) =>
    `More than ${config.grantsPerActor.limit} impersonations asked for in the last hour ` +
    '(HOTDESK_GRANTS_PER_ACTOR_PER_HOUR).',
  body: errorBody,
  retryAfter: true,
};

export const operatorGrantOperation: RestOperation = {
  method: 'get',
  path: '/api/sys/users/impersonate',
  operationId: 'impersonateAsOperator',
  summary: 'Operator impersonation: a one-time token for a coworker of the operator’s locations',
  description: grantSideEffects,
  bearer: true,
  query: operatorGrantQuery,
  responses: {
    200: granted,
    400: malformedInput('Malformed input, or a reason longer than the limit'),
    401: {
      description:
        'Not an operator who may impersonate (members, VIEWERs and impersonated sessions included).',
      body: errorBody,
    },
    403: {
      description:
        'Staff, inactive, own profile, or not allowed by the location’s policy (the message says ' +
        'why): among them a full view that waits for a second approval, and, where the location ' +
        'asks the member first, a view the member has not agreed to, has declined or cannot be ' +
        'asked for (requests and answers go through the apps; this endpoint takes no `urgent`).',
      body: errorBody,
    },
    404: {
      description:
        'No such coworker in the locations where the operator may impersonate (unknown ids alike).',
      body: errorBody,
    },
    429: tooManyGrants,
    503: unavailable,
  },
};

export const teamAdminGrantOperation: RestOperation = {
  method: 'get',
  path: '/api/public/coworkers/{coworkerId}/impersonate',
  operationId: 'impersonateAsTeamAdministrator',
  summary: 'Team-administrator impersonation of a member of one of the caller’s teams',
  description: grantSideEffects,
  bearer: true,
  pathParameters: teamAdminGrantPath,
  query: teamAdminGrantQuery,
  responses: {
    200: granted,
    400: malformedInput('Malformed input'),
    401: unauthenticatedBearer,
    403: {
      description:
        'The caller administers no team (whatever the id), is an impersonated session, or the ' +
        'member may not be viewed: staff, suspended, self, a fellow administrator, opted out, ' +
        'or not allowed by the location’s policy (among them, where the location asks the ' +
        'member first, a view the member has not agreed to in the portal).',
      body: errorBody,
    },
    404: {
      description: 'No such coworker in a team the caller administers (unknown ids alike).',
      body: errorBody,
    },
    429: tooManyGrants,
    503: unavailable,
  },
};

export const exchangeOperation: RestOperation = {
  method: 'post',
  path: '/api/sys/users/exchange',
  operationId: 'exchangeImpersonationToken',
  summary: 'Redeem a one-time token for an impersonated session (single use)',
  description:
    'No bearer: the token is the credential. The server never logs this route’s query string.',
  bearer: false,
  query: exchangeQuery,
  parameterNotes: {
    validForInMinutes: (config) =>
      'Requested lifetime of the session, minutes. Required; any positive integer: the session ' +
      `lasts at most ${config.impersonationMaxMinutes} minutes (HOTDESK_IMPERSONATION_MAX_MINUTES, ` +
      `never more than ${maxImpersonationSessionMinutes}) and at most what the location’s ` +
      'policy allows; `expires_in` says the real lifetime.',
  },
  responses: {
    200: { description: 'Impersonated session.', body: exchangeResponse },
    400: malformedInput(
      '`token` missing, or `validForInMinutes` missing or not a positive integer',
    ),
    401: {
      description:
        'The token does not verify: malformed, tampered, expired, already used or revoked.',
      body: errorBody,
    },
    429: {
      description: (config) =>
        `More than ${config.exchangeFailuresPerIp.limit} failed exchanges from this address in ` +
        `${config.exchangeFailuresPerIp.windowMinutes} minutes (HOTDESK_EXCHANGE_MAX_FAILURES_PER_IP): ` +
        'even a good token is refused until the window passes.',
      body: errorBody,
      retryAfter: true,
    },
    503: unavailable,
  },
};
