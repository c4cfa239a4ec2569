import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';

import { setLogSink, type LogSink } from '../../src/logging/logger';
import {
  startApiTestHarness,
  type ApiTestHarness,
  type SignedIn,
} from '../support/api-test-harness';
import { recordAttack, type Tally } from './attack-log';
import { demoIds, exchangeOk, grantToken, type DemoIds } from './attack-fixtures';
import { expectSafeAnswer, send, type RawRestCall, type RestAnswer } from './rest-probe';

export interface FuzzTarget {
  h: ApiTestHarness;
  ids: DemoIds;
  /** Live credentials by caller name (`owner`, `teamAdmin`, …, `adminApp`, `…Refresh`). */
  bearers: Record<string, string>;
  /** Every credential above: none may ever appear in an answer or a log line. */
  secrets: string[];
  /** Every other secret a fuzzed request of this file carried. */
  sentSecrets: Set<string>;
  /** Every log line the server wrote meanwhile. */
  logLines: string[];
}

/**
 * A harness with one live session of every kind of caller, and every server log line captured
 * for the end-of-file check that no secret the fuzzer sent was logged.
 */
export function useFuzzTarget(): FuzzTarget {
  const target = {
    bearers: {},
    secrets: [],
    sentSecrets: new Set(),
    logLines: [],
  } as unknown as FuzzTarget;
  let previousSink: LogSink | undefined;
  beforeAll(async () => {
    previousSink = setLogSink((line) => target.logLines.push(line));
    const h = await startApiTestHarness();
    const ids = await demoIds(h);
    const signed: Record<string, SignedIn> = {
      owner: await h.signIn('owner@hotdesk.test'),
      teamAdmin: await h.signIn('alice@example.com'),
      member: await h.signIn('carol@example.com'),
      riverside: await h.signIn('admin@riverside.hotdesk.test'),
      viewer: await h.signIn('viewer@downtown.hotdesk.test'),
      adminApp: await h.signIn('owner@hotdesk.test', 'ADMIN'),
    };
    for (const [name, session] of Object.entries(signed)) {
      target.bearers[name] = session.accessToken;
      target.bearers[`${name}Refresh`] = session.refreshToken;
    }
    const impersonated = await exchangeOk(h, await grantToken(h, signed.owner!, ids.bob));
    target.bearers.impersonated = impersonated.accessToken;
    target.bearers.impersonatedRefresh = impersonated.refreshToken;
    target.secrets = Object.values(target.bearers);
    Object.assign(target, { h, ids });
  }, 120_000);
  afterAll(async () => {
    if (previousSink) setLogSink(previousSink);
    await target.h?.close();
  });
  return target;
}

export const callerName = fc.constantFrom(
  null,
  'garbage',
  'owner',
  'teamAdmin',
  'member',
  'riverside',
  'viewer',
  'adminApp',
  'impersonated',
  'teamAdminRefresh',
);

export function authorization(target: FuzzTarget, name: string | null): Array<[string, string]> {
  if (name === null) return [];
  return [['Authorization', `Bearer ${target.bearers[name] ?? 'not-a-token'}`]];
}

/** Sends, checks the universal properties, tallies the status; unsendable inputs are skipped. */
export async function probe(
  target: FuzzTarget,
  call: RawRestCall,
  tally: Tally,
  extraSecrets: string[] = [],
): Promise<RestAnswer> {
  const answer = await send(target.h, call);
  fc.pre(answer !== null);
  for (const secret of extraSecrets) if (secret.length >= 12) target.sentSecrets.add(secret);
  tally.add(answer!.status >= 500 ? `5xx (${answer!.status})` : answer!.status);
  expectSafeAnswer(answer!, [...target.secrets, ...extraSecrets]);
  return answer!;
}

export function expectNoPrototypePollution() {
  const probeObject = {} as Record<string, unknown>;
  expect(probeObject.polluted).toBeUndefined();
  expect(probeObject.isAdmin).toBeUndefined();
}

/** The last test of a fuzzing file: nothing secret the fuzzer sent reached a log line. */
export function expectNoSecretInLogs(target: FuzzTarget) {
  const { sentSecrets, logLines } = target;
  const leaks: string[] = [];
  for (const secret of [...target.secrets, ...sentSecrets]) {
    const line = logLines.find((candidate) => candidate.includes(secret));
    if (line) leaks.push(`${secret.slice(0, 16)}… in ${line.slice(0, 160)}`);
  }
  recordAttack('secrets sent by the fuzzer searched for in every server log line', {
    tried: target.secrets.length + sentSecrets.size,
    outcome: `${logLines.length} log lines, ${leaks.length} leaks`,
  });
  expect(logLines.length).toBeGreaterThan(0);
  expect(leaks).toEqual([]);
}
