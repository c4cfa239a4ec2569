import { TRPCError } from '@trpc/server';
import { DEMO_PASSWORD } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../admin';
import { portalRouter } from '../portal';
import { type Actor } from '../sessions/actor';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { trpcTestContext } from '../../test/support/trpc-test-context';

let h: ApiTestHarness;
let downtownId: number;
let riversideId: number;
let acme: number;
let alice: number;
let bob: number;
let carolDowntown: number;
let carolRiverside: number;
let erin: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  downtownId = (await h.db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } })).id;
  riversideId = (await h.db.location.findUniqueOrThrow({ where: { webAddress: 'riverside' } })).id;
  acme = (await h.db.team.findFirstOrThrow({ where: { name: 'Acme' } })).id;
  alice = await h.coworkerIdOf('alice@example.com');
  bob = await h.coworkerIdOf('bob@example.com');
  carolDowntown = await h.coworkerIdOf('carol@example.com');
  carolRiverside = await h.coworkerIdOf('carol@example.com', 'riverside');
  erin = await h.coworkerIdOf('erin@example.com', 'riverside');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const admin = (actor: Actor | null, options: { sameOrigin?: boolean } = {}) =>
  adminRouter.createCaller(trpcTestContext(h, 'admin', actor, options).ctx);

const portal = (actor: Actor | null, options: { sameOrigin?: boolean } = {}) =>
  portalRouter.createCaller(trpcTestContext(h, 'portal', actor, options).ctx);

const operator = async (email: string) => (await h.signIn(email, 'ADMIN')).actor;

async function trpcCode(call: Promise<unknown>): Promise<TRPCError['code']> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  throw new Error('the call succeeded');
}

const permissions = {
  isTeamAdministrator: false,
  canMakeBookings: true,
  canBookForTeam: true,
  canPurchaseProducts: true,
  canPurchaseEvents: true,
  canAccessCommunity: true,
};

describe('admin procedures', () => {
  it('are refused to members and to nobody with UNAUTHORIZED', async () => {
    const member = (await h.signIn('alice@example.com')).actor;
    for (const actor of [member, null]) {
      expect(await trpcCode(admin(actor).coworkers.search({}))).toBe('UNAUTHORIZED');
      expect(await trpcCode(admin(actor).coworkers.detail({ coworkerId: bob }))).toBe(
        'UNAUTHORIZED',
      );
      expect(await trpcCode(admin(actor).audit.list({}))).toBe('UNAUTHORIZED');
      expect(await trpcCode(admin(actor).impersonation.start({ coworkerId: bob }))).toBe(
        'UNAUTHORIZED',
      );
    }
  });

  it('let a VIEWER search customers but not start an impersonation, and the refusal is audited', async () => {
    const viewer = await operator('viewer@downtown.hotdesk.test');
    const found = await admin(viewer).coworkers.search({ query: 'bob' });
    expect(found.rows.map((row) => row.id)).toEqual([bob]);
    const detail = await admin(viewer).coworkers.detail({ coworkerId: bob });
    expect(detail.impersonation).toMatchObject({ allowed: false, refusal: { status: 401 } });

    expect(
      await trpcCode(admin(viewer).impersonation.start({ coworkerId: bob, reason: 'curious' })),
    ).toBe('UNAUTHORIZED');
    expect(await h.db.impersonation.count({ where: { actorUserId: viewer.userId ?? -1 } })).toBe(0);
    expect(
      await h.db.auditEvent.count({
        where: { type: 'IMPERSONATION_DENIED', actorUserId: viewer.userId },
      }),
    ).toBe(1);
  });

  it('never show a Downtown operator a Riverside customer', async () => {
    const downtown = admin(await operator('admin@downtown.hotdesk.test'));
    const everyone = await downtown.coworkers.search({ pageSize: 100 });
    expect(everyone.total).toBe(await h.db.coworker.count({ where: { locationId: downtownId } }));
    expect(everyone.rows.every((row) => row.location.id === downtownId)).toBe(true);

    expect((await downtown.coworkers.search({ query: 'erin' })).total).toBe(0);
    expect((await downtown.coworkers.search({ query: 'carol' })).rows.map((row) => row.id)).toEqual(
      [carolDowntown],
    );
    expect((await downtown.coworkers.search({ locationId: riversideId })).total).toBe(0);
    expect(await trpcCode(downtown.coworkers.detail({ coworkerId: erin }))).toBe('NOT_FOUND');
    expect(await trpcCode(downtown.coworkers.detail({ coworkerId: carolRiverside }))).toBe(
      'NOT_FOUND',
    );
    expect(await trpcCode(downtown.coworkers.detail({ coworkerId: 999_999 }))).toBe('NOT_FOUND');
    expect((await downtown.coworkers.detail({ coworkerId: carolDowntown })).location.id).toBe(
      downtownId,
    );
  });

  it('search by name prefix, by substring, by e-mail, whatever the case', async () => {
    const owner = admin(await operator('owner@hotdesk.test'));
    const names = async (query: string) =>
      (await owner.coworkers.search({ query })).rows.map((row) => row.fullName);
    expect(await names('Ali')).toEqual(['Alice Anderson']);
    expect(await names('nders')).toEqual(['Alice Anderson']);
    expect(await names('BOB@example')).toEqual(['Bob Brown']);
    expect(await names('carol')).toEqual(['Carol Clark', 'Carol Clark']);
    expect(await names('no such person')).toEqual([]);
  });

  it('search treats % and _ as the characters typed, not as wildcards', async () => {
    const owner = admin(await operator('owner@hotdesk.test'));
    const zed = await h.db.coworker.create({
      data: { locationId: downtownId, fullName: 'Zed Under', email: 'zed_under@example.com' },
    });
    expect((await owner.coworkers.search({ query: '%' })).total).toBe(0);
    expect((await owner.coworkers.search({ query: '_' })).rows.map((row) => row.id)).toEqual([
      zed.id,
    ]);
    expect((await owner.coworkers.search({ query: 'd_u' })).rows.map((row) => row.id)).toEqual([
      zed.id,
    ]);
    expect((await owner.coworkers.search({ query: 'e_e' })).total).toBe(0);
  });

  it('page by cursor through every customer, both ways, with the total', async () => {
    const owner = admin(await operator('owner@hotdesk.test'));
    const total = await h.db.coworker.count();
    const seen: number[] = [];
    let page = await owner.coworkers.search({ pageSize: 3 });
    expect(page.previousCursor).toBeNull();
    for (;;) {
      expect([page.total, page.totalIsCapped]).toEqual([total, false]);
      seen.push(...page.rows.map((row) => row.id));
      if (!page.nextCursor) break;
      page = await owner.coworkers.search({ pageSize: 3, after: page.nextCursor });
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(page.rows).toHaveLength(total - 3 * (Math.ceil(total / 3) - 1));

    const back = await owner.coworkers.search({ pageSize: 3, before: page.previousCursor! });
    expect(back.rows.map((row) => row.id)).toEqual(
      seen.slice(-page.rows.length - 3, -page.rows.length),
    );
    expect(back.nextCursor).not.toBeNull();
    expect((await owner.coworkers.search({ pageSize: 3, locationId: riversideId })).total).toBe(
      await h.db.coworker.count({ where: { locationId: riversideId } }),
    );
  });

  it('refuse a damaged cursor, or one of another sort, as a bad request naming it', async () => {
    const owner = admin(await operator('owner@hotdesk.test'));
    const { nextCursor } = await owner.coworkers.search({ pageSize: 1 });
    expect(await trpcCode(owner.coworkers.search({ after: 'not-a-cursor' }))).toBe('BAD_REQUEST');
    expect(await trpcCode(owner.coworkers.search({ sort: 'email', after: nextCursor! }))).toBe(
      'BAD_REQUEST',
    );
    expect(
      await trpcCode(owner.coworkers.search({ after: nextCursor!, before: nextCursor! })),
    ).toBe('BAD_REQUEST');
  });

  it('refuse cross-site mutations with FORBIDDEN, and grant nothing', async () => {
    const owner = await operator('owner@hotdesk.test');
    const before = await h.db.impersonation.count();
    expect(
      await trpcCode(admin(owner, { sameOrigin: false }).impersonation.start({ coworkerId: bob })),
    ).toBe('FORBIDDEN');
    expect(
      await trpcCode(
        admin(null, { sameOrigin: false }).session.signIn({
          email: 'owner@hotdesk.test',
          password: DEMO_PASSWORD,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await h.db.impersonation.count()).toBe(before);
    // Reading stays possible: only mutations need the app's own origin.
    expect(
      (await admin(owner, { sameOrigin: false }).coworkers.search({ query: 'bob' })).total,
    ).toBe(1);
  });

  it('records a revoke against the operator who revoked', async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const downtownAdmin = await operator('admin@downtown.hotdesk.test');
    expect(
      await admin(downtownAdmin).impersonation.revoke({ impersonationId: viewing.impersonationId }),
    ).toEqual({ revoked: true });
    const event = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'IMPERSONATION_REVOKED', impersonationId: viewing.impersonationId },
    });
    expect(event.actorUserId).toBe(downtownAdmin.userId);
    expect(event.actorCoworkerId).toBeNull();
    expect(
      (await h.rest('GET', '/api/public/coworkers/profiles', { bearer: viewing.accessToken }))
        .status,
    ).toBe(401);
  });
});

describe('portal procedures', () => {
  it('session.signIn sets an HttpOnly, SameSite session cookie and no token in the body', async () => {
    const { ctx, cookies } = trpcTestContext(h, 'portal', null);
    const result = await portalRouter
      .createCaller(ctx)
      .session.signIn({ email: 'bob@example.com', password: DEMO_PASSWORD });
    expect(result).toEqual({ ok: true });
    const session = cookies.find((cookie) => cookie.startsWith('hotdesk_portal_session='));
    expect(session).toMatch(/^hotdesk_portal_session=hds_[\w-]+;/);
    expect(session).toContain('HttpOnly');
    expect(session).toMatch(/SameSite=(Lax|Strict)/);
    expect(session).toContain('Path=/');
    expect(session).toMatch(/Expires=/);

    const token = /^hotdesk_portal_session=([^;]+)/.exec(session ?? '')?.[1] ?? '';
    expect((await h.actorOf(token)).userId).toBe(
      (await h.db.user.findUniqueOrThrow({ where: { email: 'bob@example.com' } })).id,
    );
  });

  it('session.signIn of the admin app refuses a member', async () => {
    const { ctx, cookies } = trpcTestContext(h, 'admin', null);
    expect(
      await trpcCode(
        adminRouter
          .createCaller(ctx)
          .session.signIn({ email: 'alice@example.com', password: DEMO_PASSWORD }),
      ),
    ).toBe('BAD_REQUEST');
    expect(cookies).toEqual([]);
  });

  describe('inside a read-only impersonation', () => {
    it('refuses profiles.switch, profiles.updateDetails and teams.updatePermissions with FORBIDDEN, and changes nothing', async () => {
      const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', alice);
      const caller = portal(await h.actorOf(viewing.accessToken));
      expect(await trpcCode(caller.profiles.switch({ coworkerId: alice }))).toBe('FORBIDDEN');
      expect(
        await trpcCode(caller.profiles.updateDetails({ fullName: 'Mallory', companyName: '' })),
      ).toBe('FORBIDDEN');
      expect((await h.db.coworker.findUniqueOrThrow({ where: { id: alice } })).fullName).toBe(
        'Alice Anderson',
      );
      expect(
        await trpcCode(
          caller.teams.updatePermissions({ teamId: acme, memberId: bob, permissions }),
        ),
      ).toBe('FORBIDDEN');
      const membership = await h.db.teamMember.findUniqueOrThrow({
        where: { teamId_coworkerId: { teamId: acme, coworkerId: bob } },
      });
      expect(membership.canBookForTeam).toBe(false);
      expect(
        await h.db.auditEvent.count({
          where: {
            type: 'IMPERSONATION_MUTATION_DENIED',
            impersonationId: viewing.impersonationId,
          },
        }),
      ).toBe(3);
    });

    it('lets impersonation.exit through: the session ends and the cookie is cleared', async () => {
      const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
      const { ctx, cookies } = trpcTestContext(h, 'portal', await h.actorOf(viewing.accessToken));
      const result = await portalRouter.createCaller(ctx).impersonation.exit();
      expect(result).toMatchObject({ kind: 'OPERATOR', targetCoworkerId: bob });
      expect(result.returnTo).toContain(`/customers/${bob}`);
      const cleared = cookies.find((cookie) => cookie.startsWith('hotdesk_portal_impersonation='));
      expect(cleared).toMatch(/^hotdesk_portal_impersonation=;/);
      expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
      expect(cleared).toContain('HttpOnly');
      await expect(h.actorOf(viewing.accessToken)).rejects.toThrow();
    });

    it('exit is still refused cross-site', async () => {
      const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
      const caller = portal(await h.actorOf(viewing.accessToken), { sameOrigin: false });
      expect(await trpcCode(caller.impersonation.exit())).toBe('FORBIDDEN');
      expect((await h.actorOf(viewing.accessToken)).impersonation?.id).toBe(
        viewing.impersonationId,
      );
    });
  });

  it('an impersonated session cannot start another impersonation, even in full mode', async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', alice, {
      mode: 'full',
      reason: 'Ticket 7',
    });
    const caller = portal(await h.actorOf(viewing.accessToken));
    expect(await trpcCode(caller.impersonation.startForTeamMember({ coworkerId: bob }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await h.db.impersonation.count({ where: { kind: 'TEAM_ADMIN', targetCoworkerId: bob } }),
    ).toBe(0);
  });

  it('a team administrator can start one for a team member from her own session', async () => {
    const aliceActor = (await h.signIn('alice@example.com')).actor;
    const grant = await portal(aliceActor).impersonation.startForTeamMember({ coworkerId: bob });
    expect(grant.portalUrl).toMatch(/\/impersonate$/);
    expect(grant.token.split('.')).toHaveLength(3);
  });

  it('impersonation.accountActivity shows bob who viewed his account, with name and role but no e-mail', async () => {
    await impersonateViaRest(h, 'admin@downtown.hotdesk.test', bob, { reason: 'Billing question' });
    const bobActor = (await h.signIn('bob@example.com')).actor;
    const activity = await portal(bobActor).impersonation.accountActivity();
    const view = activity.find((entry) => entry.reason === 'Billing question');
    expect(view).toMatchObject({
      kind: 'OPERATOR',
      actor: { fullName: 'Dana Downtown', role: 'ADMIN' },
      target: { id: bob, fullName: 'Bob Brown' },
      location: { id: downtownId, name: 'Downtown Hub' },
    });
    expect(view?.startedAt).toBeInstanceOf(Date);
    const serialized = JSON.stringify(activity);
    expect(serialized).not.toContain('admin@downtown.hotdesk.test');
    expect(serialized).not.toContain('owner@hotdesk.test');
  });

  it('inside an impersonation, accountActivity covers the impersonated profile only, not the member’s other locations', async () => {
    await impersonateViaRest(h, 'admin@riverside.hotdesk.test', carolRiverside, {
      reason: 'Riverside matter',
    });
    const viewing = await impersonateViaRest(h, 'admin@downtown.hotdesk.test', carolDowntown, {
      reason: 'Downtown matter',
    });
    const activity = await portal(
      await h.actorOf(viewing.accessToken),
    ).impersonation.accountActivity();
    expect(activity.map((entry) => entry.reason)).toContain('Downtown matter');
    expect(activity.every((entry) => entry.target.id === carolDowntown)).toBe(true);
    expect(JSON.stringify(activity)).not.toContain('Rita Riverside');

    const carolActor = (await h.signIn('carol@example.com')).actor;
    const own = await portal(carolActor).impersonation.accountActivity();
    expect(own.map((entry) => entry.reason)).toEqual(
      expect.arrayContaining(['Riverside matter', 'Downtown matter']),
    );
  });
});
