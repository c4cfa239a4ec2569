import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../admin';
import { portalRouter } from '../portal';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { trpcTestContext } from '../../test/support/trpc-test-context';
import { defaultLocationPolicy, type LocationPolicy } from '../impersonation/rules';

let h: ApiTestHarness;
let downtown: number;
let riverside: number;
let bob: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  downtown = (await h.db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } })).id;
  riverside = (await h.db.location.findUniqueOrThrow({ where: { webAddress: 'riverside' } })).id;
  bob = await h.coworkerIdOf('bob@example.com');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

afterEach(async () => {
  await h.db.locationPolicy.deleteMany();
  await h.db.coworker.updateMany({ data: { allowTeamAdminImpersonation: true } });
});

async function adminCaller(email: string) {
  const { actor } = await h.signIn(email, 'ADMIN');
  return adminRouter.createCaller(trpcTestContext(h, 'admin', actor).ctx);
}

async function setDowntownPolicy(change: Partial<LocationPolicy>) {
  const owner = await adminCaller('owner@hotdesk.test');
  await owner.policies.update({
    locationId: downtown,
    policy: { ...defaultLocationPolicy, ...change },
  });
}

async function operatorGrant(query: Record<string, string> = {}) {
  const owner = await h.signIn('owner@hotdesk.test');
  return h.rest('GET', '/api/sys/users/impersonate', {
    bearer: owner.accessToken,
    query: { coworkerId: bob, ...query },
  });
}

async function teamAdminGrant() {
  const alice = await h.signIn('alice@example.com');
  return h.rest('GET', `/api/public/coworkers/${bob}/impersonate`, { bearer: alice.accessToken });
}

describe('location policy', () => {
  it('turning operator impersonation off refuses operators (403, saying why) but not team admins', async () => {
    await setDowntownPolicy({ operatorImpersonationEnabled: false });
    const refused = await operatorGrant();
    expect(refused.status).toBe(403);
    expect(String(refused.json?.message)).toMatch(/turned off/i);
    expect((await teamAdminGrant()).status).toBe(200);
  });

  it('turning team-admin impersonation off refuses team admins but not operators', async () => {
    await setDowntownPolicy({ teamAdminImpersonationEnabled: false });
    expect((await teamAdminGrant()).status).toBe(403);
    expect((await operatorGrant()).status).toBe(200);
  });

  it('full mode can be forbidden, and a reason can be required', async () => {
    await setDowntownPolicy({ fullModeAllowed: false, reasonRequired: true });
    const full = await operatorGrant({ mode: 'full', reason: 'Ticket 1' });
    expect(full.status).toBe(403);
    expect(String(full.json?.message)).toMatch(/full access/i);
    const noReason = await operatorGrant();
    expect(noReason.status).toBe(400);
    expect(noReason.json?.field).toBe('reason');
    expect((await operatorGrant({ reason: 'Ticket 2' })).status).toBe(200);
  });

  it('the maximum session length caps what the exchange grants', async () => {
    await setDowntownPolicy({ maxSessionMinutes: 15 });
    const started = await impersonateViaRest(h, 'owner@hotdesk.test', bob, {
      validForInMinutes: 600,
    });
    expect(started.expiresIn).toBeLessThanOrEqual(15 * 60);
    expect(started.expiresIn).toBeGreaterThan(14 * 60);
  });

  it('a policy turned off between grant and exchange stops the exchange', async () => {
    const grant = await operatorGrant();
    await setDowntownPolicy({ operatorImpersonationEnabled: false });
    const exchange = await h.rest('POST', '/api/sys/users/exchange', {
      query: { token: String(grant.json?.token), validForInMinutes: 5 },
    });
    expect(exchange.status).toBe(401);
  });

  it('only ADMINs and OWNERs of the location may change it', async () => {
    const policy = { ...defaultLocationPolicy, reasonRequired: true };
    await expect(
      (await adminCaller('admin@downtown.hotdesk.test')).policies.update({
        locationId: downtown,
        policy,
      }),
    ).resolves.toMatchObject(policy);
    await expect(
      (await adminCaller('owner@hotdesk.test')).policies.update({ locationId: riverside, policy }),
    ).resolves.toMatchObject(policy);
    for (const email of ['admin@riverside.hotdesk.test', 'viewer@downtown.hotdesk.test']) {
      await expect(
        (await adminCaller(email)).policies.update({ locationId: downtown, policy }),
        email,
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const viewerList = await (await adminCaller('viewer@downtown.hotdesk.test')).policies.list();
    expect(viewerList).toEqual([
      expect.objectContaining({
        location: expect.objectContaining({ id: downtown }),
        editable: false,
      }),
    ]);
  });

  it('refuses a session length outside 5 minutes .. the global cap', async () => {
    const owner = await adminCaller('owner@hotdesk.test');
    for (const maxSessionMinutes of [1, 10_000]) {
      await expect(
        owner.policies.update({
          locationId: downtown,
          policy: { ...defaultLocationPolicy, maxSessionMinutes },
        }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });
});

describe('member opt-out of team-admin impersonation', () => {
  it('stops team administrators, never operators', async () => {
    const bobSession = await h.signIn('bob@example.com');
    const portal = portalRouter.createCaller(trpcTestContext(h, 'portal', bobSession.actor).ctx);
    await portal.profiles.setTeamAdminImpersonation({ allow: false });
    const refused = await teamAdminGrant();
    expect(refused.status).toBe(403);
    expect(String(refused.json?.message)).toMatch(/turned off viewing/i);
    expect((await operatorGrant()).status).toBe(200);
  });

  it('cannot be changed by someone viewing as the member', async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob, {
      mode: 'full',
      reason: 'Ticket 3',
    });
    const portal = portalRouter.createCaller(
      trpcTestContext(h, 'portal', await h.actorOf(viewing.accessToken)).ctx,
    );
    await expect(portal.profiles.setTeamAdminImpersonation({ allow: false })).rejects.toMatchObject(
      { code: 'FORBIDDEN' },
    );
  });
});
