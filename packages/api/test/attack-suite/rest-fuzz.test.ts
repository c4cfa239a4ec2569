import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { recordAttack, Tally } from './attack-log';
import {
  hostileContentType,
  hostileId,
  hostileJsonBody,
  hostileMethod,
  hostileQuery,
  hostileValue,
  textWithNul,
} from './hostile-input';
import {
  authorization,
  callerName,
  expectNoPrototypePollution,
  expectNoSecretInLogs,
  probe,
  useFuzzTarget,
} from './rest-fuzz-target';
import { memberPermissionsBody } from './attack-fixtures';
import { expectSafeAnswer, send, type RawRestCall } from './rest-probe';

/**
 * Property-based fuzzing of every route and method of the REST dispatcher (rest-router.ts):
 * whatever path, query or body arrives, the answer is never a 5xx, is JSON with an `error`
 * code (or a documented success body), carries no stack trace, and echoes no secret.
 */

const target = useFuzzTarget();

const templates = [
  '/api/token',
  '/api/sys/users/impersonate',
  '/api/sys/users/exchange',
  '/api/public/coworkers/profiles',
  '/api/public/coworkers/profiles/current',
  '/api/public/coworkers/{id}/impersonate',
  '/api/public/teams/my',
  '/api/public/teams/{id}/permissions/{id}',
  '/api/openapi.json',
  '/api/{id}',
  '/api/public/coworkers/{id}',
  '/api/sys/users/{id}/{id}',
  '/{id}',
];

function fillTemplate(template: string, segments: string[]): string {
  let i = 0;
  return template.replace(/\{id\}/g, () => segments[i++] ?? '1');
}

describe('REST fuzzing: paths, queries, bodies (fast-check)', () => {
  it('every route × every method × hostile path segments × every kind of caller', async () => {
    const tally = new Tally();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...templates),
          hostileMethod,
          fc.array(hostileId, { minLength: 2, maxLength: 2 }),
          fc.constantFrom('', '/', '//', '/.', '/..', '%2F', '?', '#frag'),
          callerName,
          async (template, method, segments, suffix, who) => {
            await probe(
              target,
              {
                method,
                target: fillTemplate(template, segments) + suffix,
                headers: authorization(target, who),
              },
              tally,
            );
          },
        ),
        { numRuns: 180 },
      );
    } finally {
      recordAttack(
        'hostile path segments (ids: huge, negative, unicode, ../, %-encodings) × methods',
        tally,
      );
    }
    expectNoPrototypePollution();
  });

  it('hostile query strings on every route, with its own method', async () => {
    const tally = new Tally();
    const routes: Array<[string, string]> = [
      ['GET', '/api/sys/users/impersonate'],
      ['POST', '/api/sys/users/exchange'],
      ['PUT', '/api/public/coworkers/profiles/current'],
      ['GET', '/api/public/coworkers/{id}/impersonate'],
      ['GET', '/api/public/teams/my'],
      ['GET', '/api/public/coworkers/profiles'],
      ['PUT', '/api/public/teams/{id}/permissions/{id}'],
      ['POST', '/api/token'],
    ];
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          hostileQuery,
          callerName,
          async ([method, template], query, who) => {
            const path = fillTemplate(template, [String(target.ids.bob), String(target.ids.bob)]);
            const secretsInQuery = [...new URLSearchParams(query).values()].filter((v) =>
              v.startsWith('hdsecret-'),
            );
            await probe(
              target,
              { method, target: `${path}?${query}`, headers: authorization(target, who) },
              tally,
              secretsInQuery,
            );
          },
        ),
        { numRuns: 130 },
      );
    } finally {
      recordAttack('hostile query strings (types, __proto__, duplicates, 100 kB values)', tally);
    }
    expectNoPrototypePollution();
  });

  it('JSON and form bodies of the wrong type, shape and size, with Content-Type lies', async () => {
    const tally = new Tally();
    const routes: Array<[string, string, string | null]> = [
      ['PUT', `/api/public/teams/{acme}/permissions/{bob}`, 'teamAdmin'],
      ['PUT', `/api/public/teams/{acme}/permissions/{alice}`, 'teamAdmin'],
      ['PUT', `/api/public/teams/{acme}/permissions/{bob}`, 'impersonated'],
      ['POST', '/api/token', null],
      ['POST', '/api/sys/users/exchange?token=a.b.c&validForInMinutes=5', null],
      ['PUT', '/api/public/coworkers/profiles/current?coworkerId={alice}', 'teamAdmin'],
    ];
    const formBody = fc
      .array(
        fc.tuple(
          fc.constantFrom(
            'grant_type',
            'username',
            'password',
            'refresh_token',
            'client_id',
            'totp',
            '__proto__',
          ),
          hostileValue,
        ),
        { maxLength: 6 },
      )
      .map((pairs) => new URLSearchParams(pairs).toString());
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.oneof(hostileJsonBody, formBody),
          hostileContentType,
          async ([method, template, who], body, contentType) => {
            const path = template
              .replace('{acme}', String(target.ids.acme))
              .replace('{bob}', String(target.ids.bob))
              .replace('{alice}', String(target.ids.alice));
            const headers = authorization(target, who);
            if (contentType) headers.push(['Content-Type', contentType]);
            await probe(target, { method, target: path, headers, body }, tally);
          },
        ),
        { numRuns: 110 },
      );
    } finally {
      recordAttack(
        'wrong-type / deep / prototype-polluting JSON and form bodies, Content-Type lies',
        tally,
      );
    }
    expectNoPrototypePollution();
  });
});

describe('REST fuzzing: text PostgreSQL cannot store (fast-check)', () => {
  it('U+0000 in every text input of every route: 400 naming the field (401 for a bad one-time token)', async () => {
    const tally = new Tally();
    const { ids } = target;
    const permissions = { ...memberPermissionsBody, AccessCardId: 'CARD-1' };
    const form = { grant_type: 'password', username: 'bob@example.com', password: 'x' };
    type Input = {
      field: string;
      call: (text: string) => RawRestCall;
      who: string | null;
      /** The contract's answer: 400, but 401 for a one-time token that does not verify. */
      status?: number;
    };
    const formCall = (fields: Record<string, string>): RawRestCall => ({
      method: 'POST',
      target: '/api/token',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: new URLSearchParams(fields).toString(),
    });
    const query = (path: string, params: Record<string, string>) =>
      `${path}?${new URLSearchParams(params).toString()}`;
    // Every text a REST route reads, each with the caller that reaches the code reading it.
    const inputs: Input[] = [
      ...['grant_type', 'username', 'password', 'totp', 'client_id'].map((field) => ({
        field,
        who: null,
        call: (text: string) => formCall({ ...form, [field]: text }),
      })),
      {
        field: 'refresh_token',
        who: null,
        call: (text) => formCall({ grant_type: 'refresh_token', refresh_token: text }),
      },
      ...['reason', 'mode', 'coworkerId'].map((field) => ({
        field,
        who: 'owner',
        call: (text: string): RawRestCall => ({
          method: 'GET',
          target: query('/api/sys/users/impersonate', {
            coworkerId: String(ids.bob),
            [field]: text,
          }),
        }),
      })),
      ...['reason', 'mode'].map((field) => ({
        field,
        who: 'teamAdmin',
        call: (text: string): RawRestCall => ({
          method: 'GET',
          target: query(`/api/public/coworkers/${ids.bob}/impersonate`, { [field]: text }),
        }),
      })),
      ...['token', 'validForInMinutes'].map((field) => ({
        field,
        who: null,
        status: field === 'token' ? 401 : 400,
        call: (text: string): RawRestCall => ({
          method: 'POST',
          target: query('/api/sys/users/exchange', {
            token: 'a.b.c',
            validForInMinutes: '5',
            [field]: text,
          }),
        }),
      })),
      {
        field: 'isTeamAdmin',
        who: 'teamAdmin',
        call: (text) => ({
          method: 'GET',
          target: query('/api/public/teams/my', { isTeamAdmin: text }),
        }),
      },
      {
        field: 'coworkerId',
        who: 'member',
        call: (text) => ({
          method: 'PUT',
          target: query('/api/public/coworkers/profiles/current', { coworkerId: text }),
        }),
      },
      ...Object.keys(permissions).map((field) => ({
        field,
        who: 'teamAdmin',
        call: (text: string): RawRestCall => ({
          method: 'PUT',
          target: `/api/public/teams/${ids.acme}/permissions/${ids.bob}`,
          headers: [['Content-Type', 'application/json']],
          body: JSON.stringify({ ...permissions, [field]: text }),
        }),
      })),
    ];
    try {
      for (const input of inputs) {
        await fc.assert(
          fc.asyncProperty(textWithNul, async (text) => {
            const call = input.call(text);
            call.headers = [...(call.headers ?? []), ...authorization(target, input.who)];
            const answer = await probe(target, call, tally);
            const named = String(answer.json?.field ?? answer.json?.error_description);
            expect(answer.status, `${input.field}: ${answer.text}`).toBe(input.status ?? 400);
            if (answer.status === 400) expect(named, answer.text).toContain(input.field);
          }),
          { numRuns: 4 },
        );
      }
    } finally {
      recordAttack('U+0000 in each text input of every REST route (form, query, JSON body)', tally);
    }
  });
});

describe('REST payload extremes', () => {
  it('deep nesting, megabyte bodies, huge queries, thousands of parameters', async () => {
    const tally = new Tally();
    const permissions = `/api/public/teams/${target.ids.acme}/permissions/${target.ids.bob}`;
    const auth: Array<[string, string]> = [['Authorization', `Bearer ${target.bearers.teamAdmin}`]];
    const json: Array<[string, string]> = [...auth, ['Content-Type', 'application/json']];
    const calls: RawRestCall[] = [
      {
        method: 'PUT',
        target: permissions,
        headers: json,
        body: '['.repeat(200_000) + ']'.repeat(200_000),
      },
      {
        method: 'PUT',
        target: permissions,
        headers: json,
        body: '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
      },
      { method: 'PUT', target: permissions, headers: json, body: `"${'x'.repeat(5_000_000)}"` },
      {
        method: 'PUT',
        target: permissions,
        headers: json,
        body: JSON.stringify({ AccessCardId: 'x'.repeat(1_000_000) }),
      },
      {
        method: 'POST',
        target: '/api/token',
        headers: [['Content-Type', 'application/x-www-form-urlencoded']],
        body: `grant_type=password&username=alice%40example.com&password=${'p'.repeat(2_000_000)}`,
      },
      {
        method: 'POST',
        target: '/api/token',
        headers: [['Content-Type', 'application/x-www-form-urlencoded']],
        body: Array.from({ length: 20_000 }, (_, i) => `k${i}=v`).join('&'),
      },
      {
        method: 'GET',
        target: `/api/sys/users/impersonate?coworkerId=${target.ids.bob}&reason=${'r'.repeat(100_000)}`,
        headers: [['Authorization', `Bearer ${target.bearers.owner}`]],
      },
      {
        method: 'GET',
        target: `/api/public/teams/my?${Array.from({ length: 10_000 }, (_, i) => `_page=${i}`).join('&')}`,
        headers: auth,
      },
      {
        method: 'POST',
        target: `/api/sys/users/exchange?token=${'a'.repeat(500_000)}&validForInMinutes=5`,
      },
      {
        method: 'GET',
        target: `/api/public/coworkers/${'9'.repeat(100_000)}/impersonate`,
        headers: auth,
      },
      { method: 'GET', target: `/api/${'a/'.repeat(20_000)}`, headers: auth },
      {
        method: 'GET',
        target: '/api/public/coworkers/profiles',
        headers: [['Authorization', `Bearer ${'a'.repeat(10_240)}`]],
      },
      {
        method: 'GET',
        target: '/api/public/coworkers/profiles',
        headers: [
          ['Authorization', `Bearer ${target.bearers.teamAdmin}`],
          ['X-Forwarded-For', '1.1.1.1, '.repeat(5_000)],
          ['User-Agent', 'u'.repeat(50_000)],
        ],
      },
    ];
    for (const call of calls) {
      const answer = await send(target.h, call);
      expect(
        answer,
        `${call.method} ${call.target.slice(0, 60)} could not be built`,
      ).not.toBeNull();
      tally.add(answer!.status >= 500 ? `5xx (${answer!.status})` : answer!.status);
      expectSafeAnswer(answer!, target.secrets);
    }
    recordAttack('payload extremes (200k-deep JSON, 5 MB bodies, 20k params, 500 kB token)', tally);
    expectNoPrototypePollution();
  });
});

describe('logs', () => {
  it('no token, password or canary sent during the fuzzing appears in any log line', () => {
    expectNoSecretInLogs(target);
  });
});
