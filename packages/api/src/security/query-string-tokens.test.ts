import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setLogSink, type LogSink } from '../logging/logger';
import { startApiTestHarness, type ApiTestHarness } from '../testing/api-test-harness';
import { recordAttack } from './attack-log';
import { exchange, exchangeOk, grantToken } from './attack-fixtures';

/**
 * The REST exchange carries its one-time token in the query string, as the contract says, and
 * a request log that printed URLs printed every token (issue 12, item 10). Through the REST
 * dispatcher, which logs every request: no issued token and no value of a query string may be
 * in any log line. A token the redactor cannot recognise proves the log holds the path alone.
 * `packages/server/src/dev-server-output.test.ts` does the same with `pnpm dev`'s real apps.
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
});
