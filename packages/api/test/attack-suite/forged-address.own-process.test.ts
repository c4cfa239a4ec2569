import { generateSigningJwk } from '@hotdesk/auth';
import { createTestDatabase, type TestDatabase } from '@hotdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { settleAuditSealing } from '../../src/audit/audit-sealer';
import { handleRestRequest } from '../../src/rest';
import { getRuntime } from '../../src/runtime';
import { runWithClientAddress } from '../../src/sessions/client-address';
import { trpc } from './app-runtime';
import { recordAttack, Tally } from './attack-log';

/**
 * Rotating `X-Forwarded-For` / `X-Real-IP` to escape the per-address limits and to forge the
 * address in the audit log. The requests go through the fetch handlers the app server calls,
 * inside the address the app server worked out from the connection (packages/server): what the
 * client claims must change nothing.
 */

const connection = '192.0.2.10';
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  vi.stubEnv('DATABASE_URL', database.url);
  vi.stubEnv('HOTDESK_JWKS', JSON.stringify({ keys: [await generateSigningJwk()] }));
  vi.stubEnv('HOTDESK_SIGNIN_MAX_FAILURES_PER_IP', '3');
  vi.stubEnv('HOTDESK_EXCHANGE_MAX_FAILURES_PER_IP', '3');
}, 120_000);

afterAll(async () => {
  const runtime = await getRuntime();
  await settleAuditSealing(runtime.db);
  await runtime.db.$disconnect();
  vi.unstubAllEnvs();
  await database?.drop();
});

const forged = (i: number) => ({
  'X-Forwarded-For': `203.0.113.${i}, 198.51.100.${i}`,
  'X-Real-IP': `203.0.113.${i}`,
});

async function auditedAddresses(type: string) {
  const events = await database.prisma.auditEvent.findMany({
    where: { type },
    select: { ip: true },
  });
  return [...new Set(events.map((event) => event.ip))];
}

describe('a client choosing its own address', () => {
  it('REST: rotated forwarding headers on failed sign-ins are counted and audited as the connection', async () => {
    const tally = new Tally();
    const emails = [
      'bob@example.com',
      'carol@example.com',
      'erin@example.com',
      'grace@example.com',
    ];
    for (const [i, username] of emails.entries()) {
      const response = await runWithClientAddress(connection, () =>
        handleRestRequest(
          new Request('http://localhost:3000/api/token', {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...forged(i + 1) },
            body: new URLSearchParams({ grant_type: 'password', username, password: 'guess' }),
          }),
        ),
      );
      tally.add(response.status);
    }
    const audited = await auditedAddresses('SIGN_IN_FAILED');
    recordAttack('REST sign-in guesses, each with a new X-Forwarded-For / X-Real-IP (limit 3)', {
      tried: tally.tried,
      outcome: `${tally.summary()}; audited from ${audited.join(', ')}`,
    });
    expect([tally.count(400), tally.count(429)]).toEqual([3, 1]);
    expect(audited).toEqual([connection]);
  });

  it('tRPC: rotated forwarding headers on failed exchanges are counted and audited as the connection', async () => {
    const tally = new Tally();
    for (let i = 1; i <= 4; i++) {
      const answer = await runWithClientAddress(connection, () =>
        trpc('portal', 'impersonation.exchange', {
          input: { token: `guess-${i}` },
          headers: { origin: 'http://localhost:3000', ...forged(i) },
        }),
      );
      tally.add(answer.status);
    }
    const audited = await auditedAddresses('IMPERSONATION_EXCHANGE_DENIED');
    recordAttack('tRPC exchange guesses, each with a new X-Forwarded-For / X-Real-IP (limit 3)', {
      tried: tally.tried,
      outcome: `${tally.summary()}; audited from ${audited.join(', ')}`,
    });
    expect([tally.count(401), tally.count(429)]).toEqual([3, 1]);
    expect(audited).toEqual([connection]);
  });
});
