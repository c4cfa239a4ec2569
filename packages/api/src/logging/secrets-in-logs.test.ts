import { generateTotp } from '@hotdesk/auth';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { portalRouter } from '../portal';
import { errorResponse } from '../rest/http';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { trpcTestContext } from '../../test/support/trpc-test-context';
import { setLogSink, type LogSink } from './logger';
import { REDACTED, redact } from './redact';

let h: ApiTestHarness;
const captured: string[] = [];
const restore: Array<() => void> = [];

beforeAll(async () => {
  h = await startApiTestHarness();
  // Everything the process could print: the logger's sink, stdout, stderr and the console.
  const previousSink: LogSink = setLogSink((line) => captured.push(line));
  restore.push(() => setLogSink(previousSink));
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captured.push(String(chunk));
      return write(chunk as string, ...(rest as []));
    }) as typeof stream.write;
    restore.push(() => (stream.write = write));
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      captured.push(args.map(String).join(' '));
    };
    restore.push(() => (console[method] = original));
  }
}, 120_000);

afterAll(async () => {
  for (const undo of restore.reverse()) undo();
  await h?.close();
});

describe('secrets never reach the logs', () => {
  it('after every flow, no issued token, password, code or cookie appears in any output', async () => {
    const secrets = new Set<string>([DEMO_PASSWORD, 'Wr0ng-but-secret-guess!']);
    const remember = (value: unknown) => {
      if (typeof value === 'string' && value.length >= 8) secrets.add(value);
    };

    // Sign-ins: good, wrong password, two-factor.
    await h.rest('POST', '/api/token', {
      form: {
        grant_type: 'password',
        username: 'bob@example.com',
        password: 'Wr0ng-but-secret-guess!',
      },
    });
    const bob = await h.rest('POST', '/api/token', {
      form: { grant_type: 'password', username: 'bob@example.com', password: DEMO_PASSWORD },
    });
    remember(bob.json?.access_token);
    remember(bob.json?.refresh_token);
    const code = generateTotp(DEMO_TOTP_SECRET);
    secrets.add(`totp=${code}`);
    const frank = await h.rest('POST', '/api/token', {
      form: {
        grant_type: 'password',
        username: 'frank@example.com',
        password: DEMO_PASSWORD,
        totp: code,
      },
    });
    remember(frank.json?.access_token);
    const refreshed = await h.rest('POST', '/api/token', {
      form: {
        grant_type: 'refresh_token',
        refresh_token: String(bob.json?.refresh_token),
        client_id: 'bob@example.com',
      },
    });
    remember(refreshed.json?.access_token);
    remember(refreshed.json?.refresh_token);
    const bobToken = String(refreshed.json?.access_token);
    await h.rest('GET', '/api/public/coworkers/profiles', { bearer: bobToken });
    await h.rest('GET', '/api/public/coworkers/profiles', { bearer: `${bobToken}tampered` });

    // Operator and team-admin grants, exchanges (token in the query string), a replay.
    const owner = await h.rest('POST', '/api/token', {
      form: { grant_type: 'password', username: 'owner@hotdesk.test', password: DEMO_PASSWORD },
    });
    remember(owner.json?.access_token);
    const bobId = await h.coworkerIdOf('bob@example.com');
    const grant = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: String(owner.json?.access_token),
      query: { coworkerId: bobId, reason: 'log test' },
    });
    remember(grant.json?.token);
    const exchanged = await h.rest('POST', '/api/sys/users/exchange', {
      query: { token: String(grant.json?.token), validForInMinutes: 10 },
    });
    remember(exchanged.json?.token);
    remember(exchanged.json?.refresh_token);
    await h.rest('POST', '/api/sys/users/exchange', {
      query: { token: String(grant.json?.token), validForInMinutes: 10 },
    });
    const alice = await h.rest('POST', '/api/token', {
      form: { grant_type: 'password', username: 'alice@example.com', password: DEMO_PASSWORD },
    });
    remember(alice.json?.access_token);
    const teamGrant = await h.rest('GET', `/api/public/coworkers/${bobId}/impersonate`, {
      bearer: String(alice.json?.access_token),
    });
    remember(teamGrant.json?.token);
    await h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: String(exchanged.json?.token),
      query: { coworkerId: bobId },
    });

    // The apps' cookie flows through tRPC: sign-in, re-authentication, exchange, exit, sign-out.
    const { ctx, cookies } = trpcTestContext(h, 'portal', null);
    await portalRouter
      .createCaller(ctx)
      .session.signIn({ email: 'carol@example.com', password: DEMO_PASSWORD });
    const carol = await h.signIn('carol@example.com');
    remember(carol.accessToken);
    const portal = portalRouter.createCaller(trpcTestContext(h, 'portal', carol.actor).ctx);
    await portal.session.reauthenticate({ password: DEMO_PASSWORD }).catch(() => undefined);
    await portal.session.signOut();
    for (const cookie of cookies) remember(/=([^;]+)/.exec(cookie)?.[1]);

    // An unexpected fault whose message carries a token still logs it masked.
    errorResponse(new Error(`boom with ${String(owner.json?.access_token)}`));

    const output = captured.join('\n');
    expect(output).toContain('http.request');
    expect(output).toContain('rest.unexpected_error');
    for (const secret of secrets) expect(output, 'a secret reached the logs').not.toContain(secret);
    expect(output).not.toMatch(/exchange\?token=/);
  });
});

describe('redact', () => {
  it('masks secret-named fields and secret-looking values at any depth', () => {
    const masked = redact({
      authorization: 'Bearer abc',
      nested: {
        password: 'p',
        list: [{ refresh_token: 'x' }],
        note: 'got hds_AAAAAAAAAAAAAAAAAAAAAAAAAAAA ok',
      },
      jwt: 'eyJhbGciOiJFZDI1NTE5In0.eyJzdWIiOiIxIn0.c2ln',
      url: '/api/sys/users/exchange?token=eyJhbGciOiJFZDI1NTE5In0.eyJzdWIiOiIxIn0.c2ln',
      count: 3,
    });
    expect(masked).toEqual({
      authorization: REDACTED,
      nested: {
        password: REDACTED,
        list: [{ refresh_token: REDACTED }],
        note: `got ${REDACTED} ok`,
      },
      jwt: REDACTED,
      url: `/api/sys/users/exchange?token=${REDACTED}`,
      count: 3,
    });
  });
});
