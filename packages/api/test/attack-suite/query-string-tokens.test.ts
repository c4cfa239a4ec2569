import { randomBytes } from 'node:crypto';

import { DEMO_PASSWORD } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setLogSink, type LogSink } from '../../src/logging/logger';
import { startApiTestHarness, type ApiTestHarness } from '../support/api-test-harness';
import { recordAttack, Tally } from './attack-log';
import { exchange, exchangeOk, grantToken } from './attack-fixtures';

/**
 * The REST exchange carries its one-time token in the query string, as the contract says, and
 * a request log that printed URLs printed every token (issue 12, item 10). Through the REST
 * dispatcher, which logs every request: no issued token and no value of a query string may be
 * in any log line. A token the redactor cannot recognise proves the log holds the path alone.
 * `packages/server/src/dev-server-output.test.ts` does the same with `pnpm dev`'s real apps.
 * A password in the address (item 9: a sign-in form sent as GET) neither signs in nor is logged.
 */

let h: ApiTestHarness;
const lines: string[] = [];
let previousSink: LogSink | undefined;

beforeAll(async () => {
  h = await startApiTestHarness();
  previousSink = setLogSink((line) => lines.push(line));
}, 120_000);

afterAll(async () => {
  if (previousSink) setLogSink(previousSink);
  await h?.close();
});

describe('tokens in a query string', () => {
  it('never reach the request log, recognisable as tokens or not', async () => {
    const owner = await h.signIn('owner@hotdesk.test');
    const bob = await h.db.coworker.findFirstOrThrow({ where: { email: 'bob@example.com' } });
    const oneTime = await grantToken(h, owner, bob.id);
    const view = await exchangeOk(h, oneTime);
    const replayed = await exchange(h, oneTime);
    // Shaped like nothing the redactor knows: only a log without query strings keeps it out.
    const unrecognisable = `guess-${randomBytes(16).toString('hex')}`;
    const guessed = await exchange(h, unrecognisable);

    const issued = [owner.accessToken, owner.refreshToken, oneTime, view.accessToken];
    const secrets = [...issued, view.refreshToken, unrecognisable];
    const exchangeLines = lines.filter((line) => line.includes('/api/sys/users/exchange'));
    const leaked = secrets.filter((secret) => lines.some((line) => line.includes(secret)));
    recordAttack('tokens in the exchange’s query string, then every log line searched', {
      tried: 3,
      outcome: `exchange ${replayed.status === 401 ? '200, replay 401' : 'REPLAYED'}, guess ${guessed.status}; ${exchangeLines.length} log lines, ${leaked.length} secrets in them`,
    });
    expect(replayed.status).toBe(401);
    expect(guessed.status).toBe(401);
    expect(exchangeLines).toHaveLength(3);
    expect(leaked).toEqual([]);
    expect(lines.join('\n')).not.toMatch(/token=|validForInMinutes=/);
  });

  it('a password in the address (a sign-in form sent as GET) signs nobody in and is not logged', async () => {
    // What a form without method="post" sends; the apps' forms post (e2e proves it), and the
    // token endpoint reads its form from the body alone, whatever the method.
    const credentials = { grant_type: 'password', username: 'bob@example.com' };
    const tally = new Tally();
    for (const method of ['GET', 'POST']) {
      const answer = await h.rest(method, '/api/token', {
        query: { ...credentials, password: DEMO_PASSWORD },
      });
      tally.add(`${method} ${answer.status}${answer.json?.access_token ? ' SIGNED IN' : ''}`);
    }
    const logged = lines.filter((line) => line.includes(DEMO_PASSWORD)).length;
    recordAttack('the password in a sign-in URL (a form sent as GET)', {
      tried: tally.tried,
      outcome: `${tally.summary()}; in ${logged} log lines`,
    });
    expect(tally.summary()).not.toContain('SIGNED IN');
    expect(tally.count('GET 405') + tally.count('POST 400')).toBe(2);
    expect(logged).toBe(0);
  });
});
