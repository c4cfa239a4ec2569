import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { exitImpersonation } from './exit-impersonation';
import { listActiveImpersonations } from './list-impersonations';
import { revokeImpersonation } from './revoke-impersonation';

let h: ApiTestHarness;
let bob: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** An operator views the portal as bob: returns the operator's and the impersonated sessions. */
async function viewBobAs(email: string, query: Record<string, string> = {}) {
  const operator = await h.signIn(email);
  const grant = await h.rest('GET', '/api/sys/users/impersonate', {
    bearer: operator.accessToken,
    query: { coworkerId: bob, ...query },
  });
  expect(grant.status).toBe(200);
  const exchanged = await h.rest('POST', '/api/sys/users/exchange', {
    query: { token: String(grant.json?.token), validForInMinutes: 30 },
  });
  expect(exchanged.status).toBe(200);
  const bearer = String(exchanged.json?.token);
  const actor = await h.actorOf(bearer);
  return { operator, bearer, actor, impersonationId: actor.impersonation!.id };
}

const profilesStatus = async (bearer: string) =>
  (await h.rest('GET', '/api/public/coworkers/profiles', { bearer })).status;

async function auditTypesOf(impersonationId: string) {
  const events = await h.db.auditEvent.findMany({
    where: { impersonationId },
    orderBy: { id: 'asc' },
  });
  return events.map((e) => e.type);
}

describe('ending an impersonation', () => {
  it('exit ends the session at once and is audited with the real actor', async () => {
    const view = await viewBobAs('admin@downtown.hotdesk.test');
    const result = await exitImpersonation(h.ctx, view.actor);
    expect(result.returnTo).toMatch(new RegExp(`/customers/${bob}$`));
    expect(await profilesStatus(view.bearer)).toBe(401);
    const exit = await h.db.auditEvent.findFirstOrThrow({
      where: { impersonationId: view.impersonationId, type: 'IMPERSONATION_EXITED' },
    });
    expect(exit.actorUserId).toBe(view.operator.actor.userId);
    expect(await auditTypesOf(view.impersonationId)).toEqual([
      'IMPERSONATION_GRANTED',
      'IMPERSONATION_EXCHANGED',
      'IMPERSONATION_EXITED',
    ]);
  });

  it('the actor, another operator of the location and the member may revoke; others get 404', async () => {
    const revokers = {
      actor: async (view: Awaited<ReturnType<typeof viewBobAs>>) => view.operator.actor,
      colleague: async () => (await h.signIn('owner@hotdesk.test')).actor,
      member: async () => (await h.signIn('bob@example.com')).actor,
    };
    for (const [who, revoker] of Object.entries(revokers)) {
      const view = await viewBobAs('admin@downtown.hotdesk.test');
      const by = await revoker(view);
      expect(await revokeImpersonation(h.ctx, by, view.impersonationId), who).toEqual({
        revoked: true,
      });
      expect(await profilesStatus(view.bearer), who).toBe(401);
      const event = await h.db.auditEvent.findFirstOrThrow({
        where: { impersonationId: view.impersonationId, type: 'IMPERSONATION_REVOKED' },
      });
      expect(event.actorUserId, who).toBe(by.userId);
    }

    const view = await viewBobAs('admin@downtown.hotdesk.test');
    for (const outsider of [
      'admin@riverside.hotdesk.test',
      'viewer@downtown.hotdesk.test',
      'alice@example.com',
    ]) {
      const by = (await h.signIn(outsider)).actor;
      await expect(
        revokeImpersonation(h.ctx, by, view.impersonationId),
        outsider,
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    // The impersonated session itself cannot revoke (it exits instead).
    await expect(
      revokeImpersonation(h.ctx, view.actor, view.impersonationId),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await profilesStatus(view.bearer)).toBe(200);
  });

  it('expiry ends the session and says so in the audit trail', async () => {
    const view = await viewBobAs('owner@hotdesk.test');
    h.advanceClock(31 * 60_000);
    try {
      expect(await profilesStatus(view.bearer)).toBe(401);
      const impersonation = await h.db.impersonation.findUniqueOrThrow({
        where: { id: view.impersonationId },
      });
      expect(impersonation.endedReason).toBe('EXPIRED');
      expect(await auditTypesOf(view.impersonationId)).toContain('IMPERSONATION_EXPIRED');
    } finally {
      h.advanceClock(-31 * 60_000);
    }
  });

  it('an unused token that runs out is swept into the record when operators list active grants', async () => {
    const owner = await h.signIn('owner@hotdesk.test');
    const grant = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: owner.accessToken,
      query: { coworkerId: bob },
    });
    expect(grant.status).toBe(200);
    const before = await listActiveImpersonations(h.ctx, owner.actor);
    expect(before.some((i) => i.status === 'pending' && i.target.id === bob)).toBe(true);
    h.advanceClock(2 * 60_000);
    try {
      const after = await listActiveImpersonations(h.ctx, owner.actor);
      expect(after.some((i) => i.status === 'pending' && i.target.id === bob)).toBe(false);
    } finally {
      h.advanceClock(-2 * 60_000);
    }
  });

  it('suspending the member ends a running impersonation of them', async () => {
    const view = await viewBobAs('owner@hotdesk.test');
    await h.db.coworker.update({ where: { id: bob }, data: { active: false } });
    try {
      expect(await profilesStatus(view.bearer)).toBe(401);
      const impersonation = await h.db.impersonation.findUniqueOrThrow({
        where: { id: view.impersonationId },
      });
      expect(impersonation.endedReason).toBe('RIGHT_WITHDRAWN');
    } finally {
      await h.db.coworker.update({ where: { id: bob }, data: { active: true } });
    }
  });

  it('an impersonated session carries no staff rights even when the actor is an OWNER', async () => {
    const view = await viewBobAs('owner@hotdesk.test');
    expect(view.actor.operatorRoles).toEqual([]);
    const profiles = await h.rest('GET', '/api/public/coworkers/profiles', { bearer: view.bearer });
    expect((profiles.json?.User as { IsAdmin: boolean }).IsAdmin).toBe(false);
  });
});

describe('modes', () => {
  it('full mode needs a reason; read-only is the default', async () => {
    const owner = await h.signIn('owner@hotdesk.test');
    const noReason = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: owner.accessToken,
      query: { coworkerId: bob, mode: 'full' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.json?.field).toBe('reason');
    const view = await viewBobAs('owner@hotdesk.test');
    expect(view.actor.impersonation?.mode).toBe('READ_ONLY');
    const full = await viewBobAs('owner@hotdesk.test', {
      mode: 'full',
      reason: 'Ticket 42: billing page broken',
    });
    expect(full.actor.impersonation?.mode).toBe('FULL');
    expect(full.actor.impersonation?.reason).toBe('Ticket 42: billing page broken');
  });

  it('a read-only impersonation cannot switch profile; a full one can, recorded as the operator', async () => {
    const readOnly = await viewBobAs('owner@hotdesk.test');
    const refused = await h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: readOnly.bearer,
      query: { coworkerId: bob },
    });
    expect(refused.status).toBe(403);
    const full = await viewBobAs('owner@hotdesk.test', {
      mode: 'full',
      reason: 'Support ticket 7',
    });
    const allowed = await h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: full.bearer,
      query: { coworkerId: bob },
    });
    expect(allowed.status).toBe(200);
    const event = await h.db.auditEvent.findFirstOrThrow({
      where: { impersonationId: full.impersonationId, type: 'PROFILE_SWITCHED' },
    });
    expect(event.actorUserId).toBe(full.operator.actor.userId);
    expect(event.targetCoworkerId).toBe(bob);
  });
});
