import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { recordAttack, Tally } from './attack-log';
import { canarySecret, hostileValue } from './hostile-input';
import { expectNoSecretInLogs, probe, useFuzzTarget } from './rest-fuzz-target';

/**
 * Property-based fuzzing of the credentials the REST contract takes: the Authorization header,
 * the token endpoint's form and the exchange's one-time token. Nothing but a live credential in
 * its exact place authenticates, and nothing sent is echoed or logged.
 */

const target = useFuzzTarget();

describe('REST fuzzing: credentials (fast-check)', () => {
  it('Authorization header variants authenticate exactly when they carry a valid portal token', async () => {
    const tally = new Tally();
    const valid = ['owner', 'teamAdmin', 'member', 'impersonated'] as const;
    const invalid = ['adminApp', 'teamAdminRefresh', 'impersonatedRefresh'] as const;
    const variants = (token: string): string[] => [
      `Bearer ${token}`,
      `Bearer  ${token}`,
      `bearer ${token}`,
      `BEARER ${token}`,
      `Bearer\t${token}`,
      `Bearer ${token}   `,
      `Bearer ${token}x`,
      `Bearer x${token}`,
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token.toUpperCase()}`,
      `Bearer ${token}, Bearer ${token}`,
      `Bearer ${token} ${token}`,
      `Bearer "${token}"`,
      `Bearer ${token}\u00e9`,
      `Bearer\u00a0${token}`,
      `Basic ${token}`,
      `Token ${token}`,
      `${token}`,
      `Bearer:${token}`,
      `Bearer ${Buffer.from(token).toString('base64')}`,
    ];
    const header = fc.oneof(
      fc
        .constantFrom(...valid, ...invalid)
        .chain((name) =>
          fc.constantFrom(...variants(target.bearers[name]!)).map((value) => ({ value, name })),
        ),
      fc
        .oneof(
          fc.constantFrom(
            '',
            'Bearer',
            'Bearer ',
            'bearer',
            'Bearer null',
            'Bearer undefined',
            'Bearer  ',
            `Bearer ${'a'.repeat(10_240)}`,
            `Bearer hds_${'A'.repeat(43)}`,
            'Bearer ÿÿÿÿ',
            'Negotiate x',
          ),
          fc.string({
            unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)),
            maxLength: 60,
          }),
          fc
            .string({
              unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)),
              maxLength: 40,
            })
            .map((s) => `Bearer ${s}`),
        )
        .map((value) => ({ value, name: null as string | null })),
    );
    const bearerRoutes: Array<[string, string]> = [
      ['GET', '/api/public/coworkers/profiles'],
      ['GET', '/api/public/teams/my'],
      ['GET', '/api/public/coworkers/987654/impersonate'],
      ['PUT', '/api/public/coworkers/profiles/current?coworkerId=987654'],
    ];
    try {
      await fc.assert(
        fc.asyncProperty(
          header,
          fc.constantFrom(...bearerRoutes),
          fc.boolean(),
          async ({ value, name }, [method, path], duplicate) => {
            const headers: Array<[string, string]> = [['Authorization', value]];
            if (duplicate) headers.push(['Authorization', value]);
            const answer = await probe(target, { method, target: path, headers }, tally);
            // The oracle: exactly `Bearer <token>` (any case, any whitespace around) of a live
            // PORTAL session authenticates; a refresh token, an admin-app token, anything else: 401.
            const presented = /^bearer\s+(\S+)\s*$/i.exec(value.trim())?.[1];
            const live =
              !duplicate &&
              presented !== undefined &&
              valid.some((n) => target.bearers[n] === presented) &&
              name !== null;
            expect(answer!.status === 401, `${value.slice(0, 80)} → ${answer!.status}`).toBe(!live);
          },
        ),
        { numRuns: 140 },
      );
    } finally {
      recordAttack(
        'Authorization variants (empty, "Bearer", two spaces, non-ASCII, 10 kB, refresh/admin tokens)',
        tally,
      );
    }
  });

  it('the token endpoint never echoes a password and answers only OAuth errors', async () => {
    const tally = new Tally();
    const form = fc.record(
      {
        grant_type: fc.oneof(
          fc.constantFrom(
            'password',
            'refresh_token',
            'PASSWORD',
            'client_credentials',
            'password ',
            '',
          ),
          hostileValue,
        ),
        username: fc.oneof(
          fc.constantFrom(
            'alice@example.com',
            'ALICE@EXAMPLE.COM',
            ' alice@example.com ',
            'frank@example.com',
            'grace@example.com',
            'dave@example.com',
            'owner@hotdesk.test',
            'nobody@example.com',
          ),
          hostileValue,
        ),
        password: canarySecret,
        totp: fc.oneof(fc.constantFrom('000000', '12345', '1234567', 'abcdef'), hostileValue),
        refresh_token: fc.oneof(canarySecret, fc.constant(`hdr_${'A'.repeat(43)}`)),
        client_id: hostileValue,
      },
      { requiredKeys: ['password'] },
    );
    try {
      await fc.assert(
        fc.asyncProperty(form, fc.boolean(), async (fields, clientIdHeader) => {
          const entries = Object.entries(fields).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          );
          const headers: Array<[string, string]> = [
            ['Content-Type', 'application/x-www-form-urlencoded'],
          ];
          if (clientIdHeader && /^[\x20-\x7e]*$/.test(fields.client_id ?? ''))
            headers.push(['client_id', fields.client_id ?? '']);
          const answer = await probe(
            target,
            {
              method: 'POST',
              target: '/api/token',
              headers,
              body: new URLSearchParams(entries).toString(),
            },
            tally,
            [fields.password, ...(fields.refresh_token ? [fields.refresh_token] : [])],
          );
          expect(answer!.status, answer!.text).not.toBe(200);
          expect(answer!.json?.error_description, answer!.text).toBeTypeOf('string');
        }),
        { numRuns: 45 },
      );
    } finally {
      recordAttack('token endpoint: arbitrary grant forms with canary passwords', tally);
    }
  });

  it('the exchange answers 401 to any present token that does not verify, whatever its shape', async () => {
    const tally = new Tally();
    const segment = fc.oneof(
      fc
        .base64String({ maxLength: 60 })
        .map((s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')),
      fc
        .jsonValue({ maxDepth: 2 })
        .map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
      fc.constant(
        Buffer.from('{"alg":"Ed25519","typ":"hotdesk-impersonation+jwt","kid":"x"}').toString(
          'base64url',
        ),
      ),
    );
    const token = fc
      .oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }),
        fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
        fc
          .integer({ min: 4_000, max: 20_000 })
          .map((n) => `${'e'.repeat(n)}.${'e'.repeat(10)}.${'e'.repeat(10)}`),
        canarySecret,
      )
      .filter((value) => value.trim().length > 0);
    try {
      await fc.assert(
        fc.asyncProperty(token, fc.integer({ min: 1, max: 10_000 }), async (value, minutes) => {
          const query = new URLSearchParams({ token: value, validForInMinutes: String(minutes) });
          const answer = await probe(
            target,
            { method: 'POST', target: `/api/sys/users/exchange?${query}` },
            tally,
            value.length >= 16 ? [value] : [],
          );
          expect(answer!.status, answer!.text).toBe(401);
        }),
        { numRuns: 100 },
      );
    } finally {
      recordAttack('exchange: arbitrary present tokens (garbage, JWT-shaped, 20 kB)', tally);
    }
  });
});

describe('logs', () => {
  it('no token, password or canary sent during the fuzzing appears in any log line', () => {
    expectNoSecretInLogs(target);
  });
});
