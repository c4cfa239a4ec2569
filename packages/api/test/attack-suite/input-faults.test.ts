import { DEMO_PASSWORD } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../../src/admin';
import { portalRouter } from '../../src/portal';
import {
  startApiTestHarness,
  type ApiTestHarness,
  type SignedIn,
} from '../support/api-test-harness';
import { trpcTestContext } from '../support/trpc-test-context';
import { recordAttack, Tally } from './attack-log';
import {
  demoIds,
  memberPermissions,
  memberPermissionsBody,
  trpcCode,
  type DemoIds,
} from './attack-fixtures';
import { expectSafeAnswer } from './rest-probe';

/**
 * Input PostgreSQL cannot take: U+0000 in any text (it cannot store the character in text or
 * JSON) and references to rows that do not exist. Each is the caller's fault and answers 400 or
 * 404 naming what is wrong, over REST and tRPC alike, never a 500, and nothing is written.
 */

let h: ApiTestHarness;
let ids: DemoIds;
let owner: SignedIn;
let alice: SignedIn;

beforeAll(async () => {
  h = await startApiTestHarness();
  ids = await demoIds(h);
  owner = await h.signIn('owner@hotdesk.test');
  alice = await h.signIn('alice@example.com');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const NUL = '\u0000';

describe('U+0000 in text', () => {
  it('REST: the token endpoint (no bearer), a grant reason, an access card id: 400 naming the field', async () => {
    const calls = {
      username: () =>
        h.rest('POST', '/api/token', {
          form: { grant_type: 'password', username: `alice${NUL}@example.com`, password: 'x' },
        }),
      password: () =>
        h.rest('POST', '/api/token', {
          form: { grant_type: 'password', username: 'bob@example.com', password: `p${NUL}` },
        }),
      refresh_token: () =>
        h.rest('POST', '/api/token', {
          form: { grant_type: 'refresh_token', refresh_token: `hdr_${NUL}` },
        }),
      reason: () =>
        h.rest('GET', '/api/sys/users/impersonate', {
          bearer: owner.accessToken,
          query: { coworkerId: ids.bob, reason: `Ticket ${NUL}42` },
        }),
      teamReason: () =>
        h.rest('GET', `/api/public/coworkers/${ids.bob}/impersonate`, {
          bearer: alice.accessToken,
          query: { reason: NUL },
        }),
      AccessCardId: () =>
        h.rest('PUT', `/api/public/teams/${ids.acme}/permissions/${ids.bob}`, {
          bearer: alice.accessToken,
          body: { ...memberPermissionsBody, AccessCardId: `CARD${NUL}1` },
        }),
    };
    const tally = new Tally();
    const fields: Record<string, unknown> = {};
    const answers = [];
    for (const [field, call] of Object.entries(calls)) {
      const answer = await call();
      answers.push(answer);
      tally.add(answer.status);
      fields[field] = answer.json?.field ?? answer.json?.error_description;
    }
    recordAttack('U+0000 in REST text: token form, grant reasons, AccessCardId', tally);
    for (const answer of answers) expectSafeAnswer(answer);
    expect(tally.count(400)).toBe(Object.keys(calls).length);
    expect(fields).toMatchObject({ reason: 'reason', teamReason: 'reason' });
    expect(fields.AccessCardId).toBe('AccessCardId');
    expect(String(fields.username)).toMatch(/^username: must not contain/);
    const card = await h.db.teamMember.findFirstOrThrow({
      where: { teamId: ids.acme, coworkerId: ids.bob },
    });
    expect(card.accessCardId ?? '').not.toContain(NUL);
  });

  it('tRPC: sign-in, grant reasons, access card, profile, searches: BAD_REQUEST', async () => {
    const admin = adminRouter.createCaller(
      trpcTestContext(h, 'admin', (await h.signIn('owner@hotdesk.test', 'ADMIN')).actor).ctx,
    );
    const portal = portalRouter.createCaller(trpcTestContext(h, 'portal', alice.actor).ctx);
    const anonymous = portalRouter.createCaller(trpcTestContext(h, 'portal', null).ctx);
    const codes = {
      signIn: await trpcCode(
        anonymous.session.signIn({
          email: 'alice@example.com',
          password: `${DEMO_PASSWORD}${NUL}`,
        }),
      ),
      start: await trpcCode(
        admin.impersonation.start({ coworkerId: ids.bob, reason: `Ticket${NUL}` }),
      ),
      startForTeamMember: await trpcCode(
        portal.impersonation.startForTeamMember({ coworkerId: ids.bob, reason: NUL }),
      ),
      updatePermissions: await trpcCode(
        portal.teams.updatePermissions({
          teamId: ids.acme,
          memberId: ids.bob,
          permissions: { ...memberPermissions, accessCardId: `${NUL}` },
        }),
      ),
      updateDetails: await trpcCode(
        portal.profiles.updateDetails({ fullName: `Alice${NUL}`, companyName: 'Acme' }),
      ),
      search: await trpcCode(admin.coworkers.search({ query: `ali${NUL}` })),
      audit: await trpcCode(admin.audit.list({ actor: `${NUL}`, customer: 'bob' })),
    };
    const tally = new Tally();
    for (const code of Object.values(codes)) tally.add(code);
    recordAttack('U+0000 in tRPC text: sign-in, reasons, access card, profile, searches', tally);
    expect(Object.values(codes).every((code) => code === 'BAD_REQUEST')).toBe(true);
    const grants = await h.db.impersonation.count({ where: { reason: { contains: 'Ticket' } } });
    expect(grants).toBe(0);
  });

  it('the one-time token is the exception: it is verified, never stored, so any bad one is 401', async () => {
    const anonymous = portalRouter.createCaller(trpcTestContext(h, 'portal', null).ctx);
    const rest = await h.rest('POST', '/api/sys/users/exchange', {
      query: { token: `a.b${NUL}.c`, validForInMinutes: 5 },
    });
    const trpc = await trpcCode(anonymous.impersonation.exchange({ token: `a.b.c${NUL}` }));
    recordAttack('U+0000 in the one-time token of the exchange (REST and tRPC)', {
      tried: 2,
      outcome: `${rest.status} (tRPC ${trpc})`,
    });
    expect(rest.status).toBe(401);
    expect(trpc).toBe('UNAUTHORIZED');
  });
});

describe('references to rows that do not exist', () => {
  it('an OWNER (every location) updating the policy of a location that does not exist: 404', async () => {
    const admin = adminRouter.createCaller(
      trpcTestContext(h, 'admin', (await h.signIn('owner@hotdesk.test', 'ADMIN')).actor).ctx,
    );
    const policy = {
      operatorImpersonationEnabled: true,
      teamAdminImpersonationEnabled: true,
      maxSessionMinutes: 30,
      fullModeAllowed: false,
      reasonRequired: true,
    };
    const tally = new Tally();
    for (const locationId of [ids.riverside + 1_000, 2_147_483_647]) {
      tally.add(await trpcCode(admin.policies.update({ locationId, policy })));
    }
    recordAttack('an OWNER updates the policy of a location that does not exist', tally);
    expect(tally.count('NOT_FOUND')).toBe(2);
  });
});
