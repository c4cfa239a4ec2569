import { passwordGrant, rest, trpcMutation } from '../support/api';
import { useOwnSystem, viaLoopbackIp } from '../support/own-system';
import { expect, test } from '../support/test';

// Its own system: the per-address limits are lowered to 3 failures, which would get in the way
// of every other spec (they all come from 127.0.0.1), and one instance trusts two proxies.
const system = useOwnSystem({
  instances: [
    { app: 'portal' },
    { app: 'portal', name: 'behind-two-proxies', env: { HOTDESK_TRUSTED_PROXY_HOPS: '2' } },
  ],
  env: { HOTDESK_SIGNIN_MAX_FAILURES_PER_IP: '3', HOTDESK_EXCHANGE_MAX_FAILURES_PER_IP: '3' },
});
test.describe.configure({ mode: 'serial' });

async function auditedAddresses(type: string): Promise<Array<string | null>> {
  const events = await system().database.prisma.auditEvent.findMany({
    where: { type },
    orderBy: { id: 'asc' },
    select: { ip: true },
  });
  return events.map((event) => event.ip);
}

test('REST: a forged X-Forwarded-For neither changes the audited address nor escapes the per-address limit', async () => {
  const portal = viaLoopbackIp(system(), 'portal');
  // Three wrong passwords for three accounts, each claiming another address.
  for (const [i, email] of ['bob@example.com', 'carol@example.com', 'erin@example.com'].entries()) {
    const answer = await passwordGrant(portal, email, {
      password: 'wrong-password',
      forwardedFor: `203.0.113.${i + 1}`,
    });
    expect(answer.status, `failure ${i + 1}`).toBe(400);
  }
  // The fourth, from yet another claimed address and account, is the address's fourth.
  const fourth = await passwordGrant(portal, 'grace@example.com', {
    password: 'wrong-password',
    forwardedFor: '198.51.100.200',
  });
  expect(fourth.status).toBe(429);
  expect(fourth.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(await auditedAddresses('SIGN_IN_FAILED')).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
});

test('tRPC: a forged X-Forwarded-For neither changes the audited address nor escapes the per-address limit', async () => {
  const portal = viaLoopbackIp(system(), 'portal');
  for (let i = 1; i <= 3; i++) {
    const answer = await trpcMutation(
      portal,
      'impersonation.exchange',
      { token: `not-a-token-${i}` },
      { forwardedFor: `203.0.113.${10 + i}` },
    );
    expect(answer.status, `failure ${i}`).toBe(401);
  }
  const fourth = await trpcMutation(
    portal,
    'impersonation.exchange',
    { token: 'not-a-token-4' },
    { forwardedFor: '198.51.100.201' },
  );
  expect(fourth.status).toBe(429);
  expect(await auditedAddresses('IMPERSONATION_EXCHANGE_DENIED')).toEqual([
    '127.0.0.1',
    '127.0.0.1',
    '127.0.0.1',
  ]);
  // The REST limit above was reached by the same address: tRPC sign-ins are refused too.
  const signIn = await trpcMutation(
    portal,
    'session.signIn',
    { email: 'dave@example.com', password: 'wrong-password' },
    { forwardedFor: '198.51.100.202' },
  );
  expect(signIn.status).toBe(429);
});

test('behind two trusted proxies, the address is the second entry from the right, over REST and tRPC', async () => {
  const portal = viaLoopbackIp(system(), 'behind-two-proxies');
  // The client claimed 6.6.6.6; the outer proxy appended the client, the inner one the outer.
  const rested = await rest(portal, 'POST', '/api/sys/users/exchange?token=x&validForInMinutes=5', {
    forwardedFor: '6.6.6.6, 198.51.100.77, 10.0.0.9',
  });
  expect(rested.status).toBe(401);
  const called = await trpcMutation(
    portal,
    'impersonation.exchange',
    { token: 'not-a-token' },
    // The page it came from is the portal's public address (the first instance's, here).
    { forwardedFor: '6.6.6.6, 198.51.100.78, 10.0.0.9', origin: viaLoopbackIp(system(), 'portal') },
  );
  expect(called.status).toBe(401);
  expect((await auditedAddresses('IMPERSONATION_EXCHANGE_DENIED')).slice(-2)).toEqual([
    '198.51.100.77',
    '198.51.100.78',
  ]);
});
