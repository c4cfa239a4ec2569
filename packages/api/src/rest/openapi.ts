/**
 * OpenAPI 3.1 description of the REST contract served by the portal (`/api/openapi.json`).
 * Kept beside the handlers it describes; a test checks it is valid and lists every route.
 */
const bearer = [{ bearer: [] }];

const errorBody = { $ref: '#/components/schemas/Error' };
const oauthErrorBody = { $ref: '#/components/schemas/OAuthError' };

function respond(description: string, schema?: object) {
  return schema ? { description, content: { 'application/json': { schema } } } : { description };
}

const problems = {
  400: respond(
    'Malformed input (U+0000 in any text included); `field` names the parameter at fault.',
    errorBody,
  ),
  401: respond('Missing, unknown, expired or revoked bearer token.', errorBody),
  403: respond('Authenticated but not allowed (the message says why).', errorBody),
  404: respond('No such resource in the caller’s reach.', errorBody),
};

// Any operation may meet a database that is out of reach (or an instance that is saturated).
const unavailable = {
  ...respond('The database is out of reach, or Hotdesk is busy: try again.', errorBody),
  headers: {
    'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' },
  },
};

const idParameter = (name: string, where: 'path' | 'query', description: string) => ({
  name,
  in: where,
  required: true,
  description,
  schema: { type: 'integer', minimum: 1, maximum: 2147483647 },
});

const impersonationExtras = [
  {
    name: 'reason',
    in: 'query',
    required: false,
    description: 'Hotdesk only: why (required for full mode).',
    schema: { type: 'string', maxLength: 500 },
  },
  {
    name: 'mode',
    in: 'query',
    required: false,
    description: 'Hotdesk only: read-only (default) or full.',
    schema: { type: 'string', enum: ['read-only', 'full'] },
  },
];

const tokenResponse = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', description: 'One-time JWT, valid 60 s, single use.' } },
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Hotdesk members-portal API',
    version: '1.0.0',
    description:
      'Nexudus members-portal compatible endpoints for sign-in, impersonation ("view as member"), profiles and teams. Authentication is by the Authorization header only.',
  },
  servers: [{ url: 'http://localhost:3000' }],
  components: {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'Access token from /api/token or the exchange.',
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error', 'message'],
        properties: {
          error: { type: 'string' },
          message: { type: 'string' },
          field: { type: 'string' },
        },
      },
      OAuthError: {
        type: 'object',
        required: ['error', 'error_description'],
        properties: {
          error: {
            type: 'string',
            enum: [
              'unsupported_grant_type',
              'invalid_grant',
              'two_factor_auth_check',
              'must_reset_password',
              'too_many_requests',
            ],
          },
          error_description: { type: 'string' },
        },
      },
      TokenGrant: {
        type: 'object',
        required: ['access_token', 'token_type', 'expires_in', 'refresh_token'],
        properties: {
          access_token: { type: 'string' },
          token_type: { type: 'string', const: 'bearer' },
          expires_in: { type: 'integer', description: 'Seconds.' },
          refresh_token: { type: 'string' },
        },
      },
      ExchangeResult: {
        type: 'object',
        required: ['token', 'token_type', 'expires_in', 'refresh_token'],
        properties: {
          token: { type: 'string', description: 'Access token of the impersonated session.' },
          token_type: { type: 'string', const: 'bearer' },
          expires_in: {
            type: 'integer',
            description: 'Real lifetime in seconds, after Hotdesk’s cap.',
          },
          refresh_token: { type: 'string' },
        },
      },
      Profiles: {
        type: 'object',
        required: ['User', 'DefaultBusiness', 'Profiles'],
        properties: {
          User: {
            type: 'object',
            properties: {
              Id: { type: ['integer', 'null'] },
              FullName: { type: 'string' },
              Email: { type: ['string', 'null'] },
              Active: { type: 'boolean' },
              IsAdmin: { type: 'boolean' },
              AccessToken: {
                type: ['string', 'null'],
                description: 'Always null: Hotdesk does not echo credentials.',
              },
            },
          },
          DefaultBusiness: {
            type: ['object', 'null'],
            properties: {
              Id: { type: 'integer' },
              Name: { type: 'string' },
              WebAddress: { type: 'string' },
            },
          },
          Profiles: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                Id: { type: 'integer' },
                FullName: { type: 'string' },
                CompanyName: { type: ['string', 'null'] },
                Active: { type: 'boolean' },
                IsDefaultProfile: { type: 'boolean' },
                CoworkerType: {
                  type: 'integer',
                  enum: [1, 2],
                  description: '1 individual, 2 company.',
                },
                HasVirtualOffice: { type: 'boolean' },
                VirtualOfficePaused: { type: 'boolean' },
                VirtualOfficeContractId: { type: ['integer', 'null'] },
              },
            },
          },
        },
      },
      ActionResult: {
        type: 'object',
        properties: {
          WasSuccessful: { type: 'boolean' },
          Value: { type: 'null' },
          Status: { type: 'integer' },
          Message: { type: ['string', 'null'] },
          Errors: { type: ['array', 'null'] },
        },
      },
      Team: {
        type: 'object',
        properties: {
          Id: { type: 'integer' },
          Name: { type: 'string' },
          TeamMembers: { type: 'array', items: { type: 'integer' } },
          TeamAdministrators: { type: 'array', items: { type: 'integer' } },
          AllTeamMembers: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                Id: { type: 'integer' },
                FullName: { type: 'string' },
                Email: { type: ['string', 'null'] },
                IsTeamAdministrator: { type: 'boolean' },
              },
            },
          },
        },
      },
      TeamPage: {
        type: 'object',
        properties: {
          Records: { type: 'array', items: { $ref: '#/components/schemas/Team' } },
          CurrentPage: { type: 'integer' },
          CurrentPageSize: { type: 'integer' },
          PageNumber: { type: 'integer' },
          PageSize: { type: 'integer' },
          TotalItems: { type: 'integer' },
          TotalPages: { type: 'integer' },
          HasNextPage: { type: 'boolean' },
          HasPreviousPage: { type: 'boolean' },
          FirstItem: { type: 'integer' },
          LastItem: { type: 'integer' },
          CurrentOrderField: { type: 'string' },
          CurrentSortDirection: { type: 'string' },
        },
      },
      MemberPermissions: {
        type: 'object',
        required: [
          'IsTeamAdministrator',
          'CanMakeBookings',
          'CanBookForTeam',
          'CanPurchaseProducts',
          'CanPurchaseEvents',
          'CanAccessCommunity',
        ],
        properties: {
          IsTeamAdministrator: { type: 'boolean' },
          CanMakeBookings: { type: 'boolean' },
          CanBookForTeam: { type: 'boolean' },
          CanPurchaseProducts: { type: 'boolean' },
          CanPurchaseEvents: { type: 'boolean' },
          CanAccessCommunity: { type: 'boolean' },
          AccessCardId: { type: ['string', 'null'], maxLength: 15 },
        },
      },
    },
  },
  paths: {
    '/api/token': {
      post: {
        operationId: 'signIn',
        summary: 'Password or refresh-token grant',
        description:
          'A refresh rotates both tokens. The replaced refresh token, presented again by the same ' +
          'client within a few seconds (HOTDESK_REFRESH_REUSE_GRACE_SECONDS, two tabs refreshing ' +
          'at once), gets the same new pair again; presented later, it is taken for a stolen copy: ' +
          'the whole session ends, with every impersonation started from it, and the answer is ' +
          '`invalid_grant` saying so.',
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['grant_type'],
                properties: {
                  grant_type: { type: 'string', enum: ['password', 'refresh_token'] },
                  username: { type: 'string', description: 'E-mail (password grant).' },
                  password: { type: 'string' },
                  totp: { type: 'string', description: 'Six-digit code when two-factor is on.' },
                  refresh_token: { type: 'string', description: 'Refresh grant: single use.' },
                  client_id: {
                    type: 'string',
                    description: 'Defaults to the e-mail; must match on refresh.',
                  },
                },
              },
            },
          },
        },
        responses: {
          503: unavailable,
          200: respond('Signed in.', { $ref: '#/components/schemas/TokenGrant' }),
          400: respond('Refused; `error` says why.', oauthErrorBody),
          429: {
            ...respond(
              'Too many failures for this account from this address, for this account from all addresses, or from this address.',
              oauthErrorBody,
            ),
            headers: {
              'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' },
            },
          },
        },
      },
    },
    '/api/sys/users/impersonate': {
      get: {
        operationId: 'impersonateAsOperator',
        summary:
          'Operator impersonation: a one-time token for a coworker of the operator’s locations',
        description:
          'Has side effects (a grant, an audit event, a unit of the hourly allowance): HEAD is 405. Every attempt, refused or not, counts against the allowance.',
        security: bearer,
        parameters: [
          idParameter('coworkerId', 'query', 'The coworker to view as.'),
          ...impersonationExtras,
        ],
        responses: {
          503: unavailable,
          200: respond('Granted.', tokenResponse),
          400: problems[400],
          401: respond(
            'Not an operator who may impersonate (members and VIEWERs included).',
            errorBody,
          ),
          403: respond(
            'Staff, inactive, own profile, or not allowed by the location’s policy (the message says why).',
            errorBody,
          ),
          404: respond(
            'No such coworker in the locations where the operator may impersonate (unknown ids alike).',
            errorBody,
          ),
          429: respond('Too many impersonations asked for in the last hour.', errorBody),
        },
      },
    },
    '/api/public/coworkers/{coworkerId}/impersonate': {
      get: {
        operationId: 'impersonateAsTeamAdministrator',
        summary: 'Team-administrator impersonation of a member of one of the caller’s teams',
        description:
          'Has side effects (a grant, an audit event, a unit of the hourly allowance): HEAD is 405. Every attempt, refused or not, counts against the allowance.',
        security: bearer,
        parameters: [
          idParameter('coworkerId', 'path', 'The team member to view as.'),
          ...impersonationExtras,
        ],
        responses: {
          200: respond('Granted.', tokenResponse),
          400: problems[400],
          401: problems[401],
          403: respond(
            'The caller administers no team (whatever the id), is an impersonated session, or the member may not be viewed: staff, suspended, self, a fellow administrator, opted out, or not allowed by the location’s policy.',
            errorBody,
          ),
          404: respond(
            'No such coworker in a team the caller administers (unknown ids alike).',
            errorBody,
          ),
          429: respond('Too many impersonations asked for in the last hour.', errorBody),
          503: unavailable,
        },
      },
    },
    '/api/sys/users/exchange': {
      post: {
        operationId: 'exchangeImpersonationToken',
        summary: 'Redeem a one-time token for an impersonated session (single use)',
        description:
          'No bearer: the token is the credential. The server never logs this route’s query string.',
        parameters: [
          { name: 'token', in: 'query', required: true, schema: { type: 'string' } },
          idParameter(
            'validForInMinutes',
            'query',
            'Requested lifetime; capped by Hotdesk (default 60).',
          ),
        ],
        responses: {
          503: unavailable,
          200: respond('Impersonated session.', { $ref: '#/components/schemas/ExchangeResult' }),
          400: respond('token or validForInMinutes missing or malformed.', errorBody),
          401: respond('The token does not verify, expired, was used or revoked.', errorBody),
        },
      },
    },
    '/api/public/coworkers/profiles': {
      get: {
        operationId: 'listProfiles',
        summary: 'The caller’s profiles (only the impersonated one while impersonating)',
        security: bearer,
        responses: {
          503: unavailable,
          200: respond('Profiles.', { $ref: '#/components/schemas/Profiles' }),
          401: problems[401],
        },
      },
    },
    '/api/public/coworkers/profiles/current': {
      put: {
        operationId: 'switchCurrentProfile',
        summary: 'Make one of the caller’s active profiles the current one',
        security: bearer,
        parameters: [idParameter('coworkerId', 'query', 'The profile to switch to.')],
        responses: {
          503: unavailable,
          200: respond('Switched.', { $ref: '#/components/schemas/ActionResult' }),
          400: problems[400],
          401: problems[401],
          403: respond('Read-only impersonation.', errorBody),
          404: respond('Not one of the caller’s active profiles.', errorBody),
        },
      },
    },
    '/api/public/teams/my': {
      get: {
        operationId: 'listMyTeams',
        summary: 'Teams of the caller’s current profile',
        security: bearer,
        parameters: [
          { name: 'isTeamAdmin', in: 'query', required: false, schema: { type: 'boolean' } },
          {
            name: '_page',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, default: 1 },
          },
          {
            name: '_pageSize',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
          },
        ],
        responses: {
          503: unavailable,
          200: respond('A page of teams.', { $ref: '#/components/schemas/TeamPage' }),
          400: problems[400],
          401: problems[401],
        },
      },
    },
    '/api/public/teams/{teamId}/permissions/{memberId}': {
      put: {
        operationId: 'updateMemberPermissions',
        summary: 'Change a team member’s permissions (team administrators only)',
        security: bearer,
        parameters: [
          idParameter('teamId', 'path', 'The team.'),
          idParameter('memberId', 'path', 'The member’s coworker id.'),
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/MemberPermissions' } },
          },
        },
        responses: {
          503: unavailable,
          200: { description: 'Updated (empty body).' },
          400: respond('Malformed body, or an administrator removing their own flag.', errorBody),
          401: problems[401],
          403: respond(
            'Not an administrator of this team, clearing another administrator’s flag, or any impersonated session.',
            errorBody,
          ),
          404: respond('No such team, or not a member of it.', errorBody),
        },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'openApi',
        summary: 'This document',
        responses: {
          503: unavailable,
          200: { description: 'OpenAPI 3.1 JSON.' },
        },
      },
    },
    '/.well-known/jwks.json': {
      get: {
        operationId: 'jwks',
        summary: 'Public keys that verify impersonation tokens',
        responses: {
          503: unavailable,
          200: {
            description: 'JWK set.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  },
} as const;
