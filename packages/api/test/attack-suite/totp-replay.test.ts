import { generateTotp } from '@hotdesk/auth';
import { DEMO_PASSWORD } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { portalRouter } from '../../src/portal';
import { startApiTestHarness, type ApiTestHarness } from '../support/api-test-harness';
import { trpcTestContext } from '../support/trpc-test-context';
import { recordAttack, Tally } from './attack-log';
import { trpcCode } from './attack-fixtures';

/**
 * Two-factor codes are valid for their 30-second step and one step either side. A code seen
 * once (over a shoulder, in a phished form, in a proxy's log) must not open a second session in
 * that minute: the step of the last accepted code is remembered per user and no step at or
 * below it is accepted again, at sign-in (REST and tRPC) and at re-authentication alike.
 */

let h: ApiTestHarness;

beforeAll(async () => {
  h = await startApiTestHarness();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const step = 30_000;
const codeAt = (secret: string, offsetMs = 0) =>
  generateTotp(secret, new Date(Date.now() + offsetMs));

async function restSignIn(username: string, totp: string) {
  const answer = await h.rest('POST', '/api/token', {
    form: { grant_type: 'password', username, password: DEMO_PASSWORD, totp },
  });
  return { status: answer.status, error: answer.json?.error, token: answer.json?.access_token };
}

function trpcSignIn(email: string, totp: string) {
  const caller = portalRouter.createCaller(trpcTestContext(h, 'portal', null).ctx);
  return trpcCode(caller.session.signIn({ email, password: DEMO_PASSWORD, totp }));
}

describe('a two-factor code opens one session', () => {
  it('is refused when replayed, over REST and tRPC, and so is an earlier step; the next one works', async () => {
    const member = await h.addTwoFactorMember('Replay Target');
    const code = codeAt(member.totpSecret);
    const first = await restSignIn(member.email, code);
    const replays = {
      rest: await restSignIn(member.email, code),
      trpc: await trpcSignIn(member.email, code),
      earlierStep: await restSignIn(member.email, codeAt(member.totpSecret, -step)),
    };
    const nextStep = await trpcSignIn(member.email, codeAt(member.totpSecret, step));
    recordAttack('replay a two-factor code within its window (sign-in, REST and tRPC)', {
      tried: 5,
      outcome: `first ${first.status}; replayed ${replays.rest.status} ${String(replays.rest.error)} (tRPC ${replays.trpc}), an earlier step ${replays.earlierStep.status}; the next step's code ${nextStep}`,
    });
    expect(first.status).toBe(200);
    expect(replays.rest).toMatchObject({ status: 400, error: 'two_factor_auth_check' });
    expect(replays.trpc).toBe('BAD_REQUEST');
    expect(replays.earlierStep).toMatchObject({ status: 400, error: 'two_factor_auth_check' });
    expect(nextStep).toBe('OK');
  });

  it('lets exactly one of ten simultaneous sign-ins with the same code through', async () => {
    const member = await h.addTwoFactorMember('Race Target');
    const code = codeAt(member.totpSecret);
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => restSignIn(member.email, code)),
    );
    const tally = new Tally();
    for (const answer of burst) tally.add(answer.status);
    recordAttack('ten simultaneous sign-ins with one two-factor code', tally);
    // The others are refused: as a used code (400), or by the account's limit on failures (429).
    expect(tally.count(200)).toBe(1);
    expect(tally.count(400) + tally.count(429)).toBe(9);
  });

  it('is refused at re-authentication when it already signed the person in', async () => {
    const member = await h.addTwoFactorMember('Reauth Target');
    const code = codeAt(member.totpSecret);
    const signedIn = await restSignIn(member.email, code);
    expect(signedIn.status).toBe(200);
    const actor = await h.actorOf(String(signedIn.token));
    const caller = portalRouter.createCaller(trpcTestContext(h, 'portal', actor).ctx);
    const reauthenticate = (totp: string) =>
      trpcCode(caller.session.reauthenticate({ password: DEMO_PASSWORD, totp }));

    const sameCode = await reauthenticate(code);
    const fresh = codeAt(member.totpSecret, step);
    const freshCode = await reauthenticate(fresh);
    const freshAgain = await reauthenticate(fresh);
    recordAttack('replay a two-factor code at re-authentication (full-mode impersonation)', {
      tried: 3,
      outcome: `the sign-in's code ${sameCode}; a fresh one ${freshCode}, then again ${freshAgain}`,
    });
    expect(sameCode).toBe('FORBIDDEN');
    expect(freshCode).toBe('OK');
    expect(freshAgain).toBe('FORBIDDEN');
  });
});
