import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createPrismaClient, DEMO_PASSWORD, type PrismaClient } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { settleAuditSealing } from '../audit/audit-sealer';
import { attachAuditTrail, auditTrailOf } from '../audit/audit-trail';
import { configFromEnv, type HotdeskConfig } from '../config';
import { type ServiceContext } from '../context';
import { readServerEnv } from '../env';
import {
  answerOf,
  startApiTestHarness,
  type ApiTestHarness,
  type RestAnswer,
} from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy';
import { memberPermissionsBody } from '../../test/support/team-fixtures';
import { jwksResponse } from './index';
import { jwksOperation, openApiDocumentFor, restOperations, type OpenApiDocument } from './openapi';
import { routedOperations } from './rest-router';

/*
 * The document served at /api/openapi.json is a valid OpenAPI 3.1 document, and it is true: for
 * every answer it documents (path, method, status) a request below gets exactly that answer from
 * the live handlers on a real database, with a body that validates against the documented
 * schema and the documented headers. A documented answer no request produces fails the test.
 */

let h: ApiTestHarness;
let proxy: TcpProxy;
let unreachable: PrismaClient;
let served: OpenApiDocument;
const bearers: Record<'owner' | 'riverside' | 'alice' | 'bob' | 'carol', string> = {
  owner: '',
  riverside: '',
  alice: '',
  bob: '',
  carol: '',
};
const ids = { bob: 0, dave: 0, erin: 0, carolRiverside: 0, acme: 0 };
const unknownId = 2_147_483_647;

/** The same services with other settings, or with the database out of reach. */
const withConfig = (config: Partial<HotdeskConfig>): ServiceContext => ({
  ...h.ctx,
  config: { ...h.ctx.config, ...config },
});
const outage = (): ServiceContext => ({ ...h.ctx, db: unreachable });

beforeAll(async () => {
  h = await startApiTestHarness();
  const server = new URL(h.url);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const behindProxy = new URL(h.url);
  behindProxy.hostname = '127.0.0.1';
  behindProxy.port = String(proxy.port);
  await proxy.cut();
  unreachable = createPrismaClient({ url: behindProxy.toString(), max: 1 });
  attachAuditTrail(unreachable, auditTrailOf(h.db));

  bearers.owner = (await h.signIn('owner@hotdesk.test')).accessToken;
  bearers.riverside = (await h.signIn('admin@riverside.hotdesk.test')).accessToken;
  bearers.alice = (await h.signIn('alice@example.com')).accessToken;
  bearers.bob = (await h.signIn('bob@example.com')).accessToken;
  bearers.carol = (await h.signIn('carol@example.com')).accessToken;
  ids.bob = await h.coworkerIdOf('bob@example.com');
  ids.dave = await h.coworkerIdOf('dave@example.com');
  ids.erin = await h.coworkerIdOf('erin@example.com', 'riverside');
  ids.carolRiverside = await h.coworkerIdOf('carol@example.com', 'riverside');
  ids.acme = (await h.db.team.findFirstOrThrow({ where: { name: 'Acme' } })).id;
  served = (await h.rest('GET', '/api/openapi.json')).json as unknown as OpenApiDocument;
}, 120_000);

afterAll(async () => {
  await unreachable?.$disconnect();
  await proxy?.close();
  await h?.close();
});

/** Asks until the answer is `status` (a limit being reached), at most `tries` times. */
async function until(status: number, tries: number, ask: () => Promise<RestAnswer>) {
  let answer = await ask();
  for (let i = 1; i < tries && answer.status !== status; i++) answer = await ask();
  return answer;
}

const permissions = { ...memberPermissionsBody, AccessCardId: ' CARD-7 ' };
const permissionsOf = (teamId: number, memberId: number) =>
  `/api/public/teams/${teamId}/permissions/${memberId}`;

/** One request per documented answer, keyed `METHOD path status` as the document lists it. */
const requests: Record<string, () => Promise<RestAnswer>> = {
  'POST /api/token 200': () =>
    h.rest('POST', '/api/token', {
      form: { grant_type: 'password', username: 'carol@example.com', password: DEMO_PASSWORD },
    }),
  'POST /api/token 400': () =>
    h.rest('POST', '/api/token', { form: { grant_type: 'password', username: 'bob@example.com' } }),
  'POST /api/token 429': async () => {
    const { email } = await h.addTwoFactorMember('Locked Out');
    return until(429, 20, () =>
      h.rest('POST', '/api/token', {
        form: { grant_type: 'password', username: email, password: 'wrong' },
      }),
    );
  },
  'POST /api/token 503': () =>
    h.rest('POST', '/api/token', {
      form: { grant_type: 'password', username: 'carol@example.com', password: 'x' },
      ctx: outage(),
    }),

  'GET /api/sys/users/impersonate 200': () =>
    h.rest('GET', '/api/sys/users/impersonate', {
      bearer: bearers.owner,
      query: { coworkerId: ids.bob },
    }),
  'GET /api/sys/users/impersonate 400': () =>
    h.rest('GET', '/api/sys/users/impersonate', {
      bearer: bearers.owner,
      query: { coworkerId: '1e3' },
    }),
  'GET /api/sys/users/impersonate 401': () =>
    h.rest('GET', '/api/sys/users/impersonate', {
      bearer: bearers.carol,
      query: { coworkerId: ids.bob },
    }),
  'GET /api/sys/users/impersonate 403': () =>
    h.rest('GET', '/api/sys/users/impersonate', {
      bearer: bearers.owner,
      query: { coworkerId: ids.dave },
    }),
  'GET /api/sys/users/impersonate 404': () =>
    h.rest('GET', '/api/sys/users/impersonate', {
      bearer: bearers.owner,
      query: { coworkerId: unknownId },
    }),
  'GET /api/sys/users/impersonate 429': () => {
    const ctx = withConfig({ grantsPerActor: { limit: 1, windowMinutes: 60 } });
    return until(429, 3, () =>
      h.rest('GET', '/api/sys/users/impersonate', {
        bearer: bearers.riverside,
        query: { coworkerId: ids.erin },
        ctx,
      }),
    );
  },
  'GET /api/sys/users/impersonate 503': () =>
    h.rest('GET', '/api/sys/users/impersonate', {
      bearer: bearers.owner,
      query: { coworkerId: ids.bob },
      ctx: outage(),
    }),

  'GET /api/public/coworkers/{coworkerId}/impersonate 200': () =>
    h.rest('GET', `/api/public/coworkers/${ids.bob}/impersonate`, { bearer: bearers.alice }),
  'GET /api/public/coworkers/{coworkerId}/impersonate 400': () =>
    h.rest('GET', '/api/public/coworkers/bob/impersonate', { bearer: bearers.alice }),
  'GET /api/public/coworkers/{coworkerId}/impersonate 401': () =>
    h.rest('GET', `/api/public/coworkers/${ids.bob}/impersonate`),
  'GET /api/public/coworkers/{coworkerId}/impersonate 403': () =>
    h.rest('GET', `/api/public/coworkers/${ids.bob}/impersonate`, { bearer: bearers.carol }),
  'GET /api/public/coworkers/{coworkerId}/impersonate 404': () =>
    h.rest('GET', `/api/public/coworkers/${unknownId}/impersonate`, { bearer: bearers.alice }),
  'GET /api/public/coworkers/{coworkerId}/impersonate 429': () => {
    const ctx = withConfig({ grantsPerActor: { limit: 1, windowMinutes: 60 } });
    return until(429, 3, () =>
      h.rest('GET', `/api/public/coworkers/${ids.bob}/impersonate`, { bearer: bearers.alice, ctx }),
    );
  },
  'GET /api/public/coworkers/{coworkerId}/impersonate 503': () =>
    h.rest('GET', `/api/public/coworkers/${ids.bob}/impersonate`, {
      bearer: bearers.alice,
      ctx: outage(),
    }),

  'POST /api/sys/users/exchange 200': async () => {
    const grant = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: bearers.owner,
      query: { coworkerId: ids.bob },
    });
    // Far beyond any cap: read as the longest lifetime allowed, not refused.
    const answer = await h.rest('POST', '/api/sys/users/exchange', {
      query: { token: String(grant.json?.token), validForInMinutes: '9'.repeat(400) },
    });
    expect(answer.json?.expires_in).toBe(h.ctx.config.impersonationMaxMinutes * 60);
    return answer;
  },
  'POST /api/sys/users/exchange 400': () =>
    h.rest('POST', '/api/sys/users/exchange', { query: { validForInMinutes: 5 } }),
  'POST /api/sys/users/exchange 401': () =>
    h.rest('POST', '/api/sys/users/exchange', { query: { token: 'a.b.c', validForInMinutes: 5 } }),
  'POST /api/sys/users/exchange 429': () => {
    const ctx: ServiceContext = {
      ...withConfig({ exchangeFailuresPerIp: { limit: 1, windowMinutes: 15 } }),
      request: { ip: '198.51.100.23', userAgent: 'openapi-test' },
    };
    return until(429, 3, () =>
      h.rest('POST', '/api/sys/users/exchange', {
        query: { token: 'a.b.c', validForInMinutes: 5 },
        ctx,
      }),
    );
  },
  'POST /api/sys/users/exchange 503': () =>
    h.rest('POST', '/api/sys/users/exchange', {
      query: { token: 'a.b.c', validForInMinutes: 5 },
      ctx: outage(),
    }),

  'GET /api/public/coworkers/profiles 200': () =>
    h.rest('GET', '/api/public/coworkers/profiles', { bearer: bearers.carol }),
  'GET /api/public/coworkers/profiles 401': () => h.rest('GET', '/api/public/coworkers/profiles'),
  'GET /api/public/coworkers/profiles 503': () =>
    h.rest('GET', '/api/public/coworkers/profiles', { bearer: bearers.carol, ctx: outage() }),

  'PUT /api/public/coworkers/profiles/current 200': () =>
    h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: bearers.carol,
      query: { coworkerId: ids.carolRiverside },
    }),
  'PUT /api/public/coworkers/profiles/current 400': () =>
    h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: bearers.carol,
      query: { coworkerId: '-1' },
    }),
  'PUT /api/public/coworkers/profiles/current 401': () =>
    h.rest('PUT', '/api/public/coworkers/profiles/current', { query: { coworkerId: ids.bob } }),
  'PUT /api/public/coworkers/profiles/current 403': async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', ids.bob);
    return h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: view.accessToken,
      query: { coworkerId: ids.bob },
    });
  },
  'PUT /api/public/coworkers/profiles/current 404': () =>
    h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: bearers.carol,
      query: { coworkerId: ids.bob },
    }),
  'PUT /api/public/coworkers/profiles/current 503': () =>
    h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: bearers.carol,
      query: { coworkerId: ids.carolRiverside },
      ctx: outage(),
    }),

  'GET /api/public/teams/my 200': () =>
    h.rest('GET', '/api/public/teams/my', {
      bearer: bearers.alice,
      query: { isTeamAdmin: 'true' },
    }),
  'GET /api/public/teams/my 400': () =>
    h.rest('GET', '/api/public/teams/my', { bearer: bearers.alice, query: { _pageSize: 101 } }),
  'GET /api/public/teams/my 401': () => h.rest('GET', '/api/public/teams/my'),
  'GET /api/public/teams/my 503': () =>
    h.rest('GET', '/api/public/teams/my', { bearer: bearers.alice, ctx: outage() }),

  'PUT /api/public/teams/{teamId}/permissions/{memberId} 200': () =>
    h.rest('PUT', permissionsOf(ids.acme, ids.bob), { bearer: bearers.alice, body: permissions }),
  'PUT /api/public/teams/{teamId}/permissions/{memberId} 400': () =>
    h.rest('PUT', permissionsOf(ids.acme, ids.bob), { bearer: bearers.alice, body: '{"IsTeam' }),
  'PUT /api/public/teams/{teamId}/permissions/{memberId} 401': () =>
    h.rest('PUT', permissionsOf(ids.acme, ids.bob), { body: permissions }),
  'PUT /api/public/teams/{teamId}/permissions/{memberId} 403': () =>
    h.rest('PUT', permissionsOf(ids.acme, ids.bob), { bearer: bearers.bob, body: permissions }),
  'PUT /api/public/teams/{teamId}/permissions/{memberId} 404': () =>
    h.rest('PUT', permissionsOf(unknownId, ids.bob), { bearer: bearers.alice, body: permissions }),
  'PUT /api/public/teams/{teamId}/permissions/{memberId} 503': () =>
    h.rest('PUT', permissionsOf(ids.acme, ids.bob), {
      bearer: bearers.alice,
      body: permissions,
      ctx: outage(),
    }),

  'GET /api/openapi.json 200': () => h.rest('GET', '/api/openapi.json'),
  'GET /.well-known/jwks.json 200': async () => answerOf(jwksResponse(h.keys)),
};

type DocumentedAnswer = {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: object }>;
};

/** Every answer a document lists, as `METHOD path status`. */
function documentedAnswers(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) =>
      Object.entries(operation.responses as Record<string, DocumentedAnswer>).map(
        ([status, answer]) => ({
          key: `${method.toUpperCase()} ${path} ${status}`,
          status,
          answer,
        }),
      ),
    ),
  );
}

// Which answers are documented does not depend on settings (only the prose does), so the tests
// can be listed before the served document is fetched; each checks the served one.
const listed = documentedAnswers(openApiDocumentFor(configFromEnv(readServerEnv({})))).map(
  (answer) => answer.key,
);

const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
// The document's own schemas, reachable from a response schema as `#/components/...`.
ajv.addKeyword('components');

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, generated for the deployment it describes', async () => {
    const validation = await new Validator().validate(structuredClone(served));
    expect(validation.errors ?? []).toEqual([]);
    expect(validation.valid).toBe(true);
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocumentFor(h.ctx.config))));
    for (const id of Object.keys(served.components.schemas)) {
      ajv.compile({ components: served.components, $ref: `#/components/schemas/${id}` });
    }
  });

  it('states the settings it is served with, not defaults', async () => {
    const ctx = withConfig({
      impersonationTokenSeconds: 42,
      impersonationMaxMinutes: 90,
      portalUrl: 'https://members.example.com',
    });
    const document = (await h.rest('GET', '/api/openapi.json', { ctx }))
      .json as unknown as OpenApiDocument;
    const text = JSON.stringify(document);
    expect(text).toContain('valid 42 s');
    expect(text).toContain('at most 90 minutes');
    expect(document.servers).toEqual([{ url: 'https://members.example.com' }]);
  });

  it('documents exactly the operations the REST router and the JWKS serve', () => {
    const named = (operations: readonly { method: string; path: string }[]) =>
      operations.map((operation) => `${operation.method} ${operation.path}`).sort();
    expect(named([...routedOperations, jwksOperation])).toEqual(named(restOperations));
  });

  it('has a request for every answer it documents, and documents every answer requested', () => {
    expect(Object.keys(requests).sort()).toEqual([...listed].sort());
  });
});

describe('each documented answer is the live handler’s', () => {
  for (const key of listed)
    it(key, async () => {
      const request = requests[key];
      if (!request) throw new Error(`No request produces the documented answer ${key}.`);
      const found = documentedAnswers(served).find((candidate) => candidate.key === key);
      if (!found) throw new Error(`The served document does not list ${key}.`);
      const { status, answer: documented } = found;
      const answer = await request();
      expect(answer.status, answer.text).toBe(Number(status));
      const schema = documented.content?.['application/json']?.schema;
      if (schema) {
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
        const validate = ajv.compile({ components: served.components, ...schema });
        expect(validate(answer.json), JSON.stringify(validate.errors)).toBe(true);
      } else {
        expect(answer.text).toBe('');
      }
      if (documented.headers?.['Retry-After']) {
        expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      }
      await settleAuditSealing(h.db);
    });
});
