import { DEMO_PASSWORD } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../../src/admin';
import { portalRouter } from '../../src/portal';
import { type Actor } from '../../src/sessions/actor';
import {
  startApiTestHarness,
  type ApiTestHarness,
  type SignedIn,
} from '../support/api-test-harness';
import { trpcTestContext } from '../support/trpc-test-context';
import { recordAttack, Tally } from './attack-log';
import {
  demoIds,
  exchangeOk,
  grantToken,
  impersonatedSession,
  procedureAt,
  proceduresOf,
  trpcCode,
  type DemoIds,
} from './attack-fixtures';

/**
 * Privilege laundering: whoever is viewed, in whichever mode, an impersonated session never
 * gains staff rights, never starts or revokes an impersonation, never touches the account's
 * security settings, and never reaches another profile. Every procedure of both routers is
 * tried (new ones included, by enumeration), and every REST route.
 */

let h: ApiTestHarness;
let ids: DemoIds;
let owner: SignedIn;
/** Bob signed in as himself on another device, while he is being viewed. */
let bobsOwnSession: SignedIn;
type Viewing = Awaited<ReturnType<typeof impersonatedSession>>;
const viewing: Record<string, Viewing> = {};

// Procedures an impersonated session must never use, whatever its mode, present or future.
const sensitive =
  /password|e-?mail|totp|two.?factor|mfa|reauth|TeamAdminImpersonation|polic|role|session\.list|signOut(Device|Everywhere)/i;

beforeAll(async () => {
  h = await startApiTestHarness();
  ids = await demoIds(h);
  owner = await h.signIn('owner@hotdesk.test');
  bobsOwnSession = await h.signIn('bob@example.com');
  viewing['operator → bob, read-only'] = await impersonatedSession(h, owner, ids.bob, 'READ_ONLY');
  viewing['operator → alice (a team admin), full'] = await impersonatedSession(
    h,
    owner,
    ids.alice,
    'FULL',
  );
  viewing['operator → carol (two profiles), full'] = await impersonatedSession(
    h,
    owner,
    ids.carolDowntown,
    'FULL',
  );
  // A team administrator's own grant, then full mode.
  const alice = await h.signIn('alice@example.com');
  const teamGrant = await h.rest('GET', `/api/public/coworkers/${ids.bob}/impersonate`, {
    bearer: alice.accessToken,
  });
  expect(teamGrant.status, teamGrant.text).toBe(200);
  const teamSession = await exchangeOk(h, String(teamGrant.json?.token));
  await h.db.impersonation.update({
    where: { id: teamSession.impersonationId },
    data: { mode: 'FULL' },
  });
  viewing['team admin alice → bob, full'] = {
    ...teamSession,
    actor: await h.actorOf(teamSession.accessToken),
  };
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const adminCaller = (actor: Actor) =>
  adminRouter.createCaller(trpcTestContext(h, 'admin', actor).ctx);
const portalCaller = (actor: Actor) =>
  portalRouter.createCaller(trpcTestContext(h, 'portal', actor).ctx);

const permissions = {
  isTeamAdministrator: true,
  canMakeBookings: true,
  canBookForTeam: true,
  canPurchaseProducts: true,
  canPurchaseEvents: true,
  canAccessCommunity: true,
};

function sampleInput(path: string, self: Viewing): unknown {
  const samples: Record<string, unknown> = {
    'session.signIn': { email: 'owner@hotdesk.test', password: 'not-the-password' },
    'session.reauthenticate': { password: DEMO_PASSWORD },
    'session.signOutDevice': { sessionId: bobsOwnSession.sessionId },
    'coworkers.search': {},
    'coworkers.detail': { coworkerId: ids.bob },
    'coworkers.teams': {},
    'impersonation.start': { coworkerId: ids.frank, mode: 'full', reason: 'laundering' },
    'impersonation.active': {},
    'impersonation.ofCustomer': { coworkerId: ids.bob },
    'impersonation.timeline': { impersonationId: self.impersonationId },
    'impersonation.revoke': { impersonationId: self.impersonationId },
    'impersonation.report': { impersonationId: self.impersonationId, words: 'laundering' },
    'reports.resolve': { reportId: '00000000-0000-4000-8000-000000000000' },
    'impersonation.startForTeamMember': { coworkerId: ids.bob, mode: 'full', reason: 'laundering' },
    'impersonation.exchange': { token: 'a.b.c' },
    'audit.list': {},
    'audit.exportCsv': {},
    'audit.impersonationsPerDay': {},
    'policies.update': {
      locationId: ids.downtown,
      policy: {
        operatorImpersonationEnabled: true,
        teamAdminImpersonationEnabled: true,
        maxSessionMinutes: 1440,
        fullModeAllowed: true,
        reasonRequired: false,
      },
    },
    'profiles.switch': { coworkerId: ids.carolRiverside },
    'profiles.updateDetails': { fullName: 'Laundered', companyName: '' },
    'profiles.setTeamAdminImpersonation': { allow: false },
    'notifications.setEmail': { email: false },
    'teams.administered': { teamId: ids.acme },
    'teams.updatePermissions': { teamId: ids.acme, memberId: ids.bob, permissions },
    'teams.mine': {},
    'customerAccount.summary': { coworkerId: ids.bob },
    'membership.reveal': { secret: 'DOOR_PIN' },
  };
  return path in samples ? samples[path] : {};
}

const refused = new Set(['UNAUTHORIZED', 'FORBIDDEN']);

describe('impersonated sessions through tRPC', () => {
  it('the admin router refuses every procedure to every impersonated session', async () => {
    const tally = new Tally();
    const granted: string[] = [];
    const procedures = proceduresOf(adminRouter).filter(
      // signIn takes credentials, not the session; signOut ends the caller's own session;
      // endedNotice only reads why this browser's own (dead) cookie ended.
      (p) => !['me', 'session.signIn', 'session.signOut', 'session.endedNotice'].includes(p.path),
    );
    for (const [who, session] of Object.entries(viewing)) {
      for (const { path } of procedures) {
        const code = await trpcCode(
          procedureAt(adminCaller(session.actor), path)(sampleInput(path, session)),
        );
        tally.add(code);
        if (!refused.has(code)) granted.push(`${who}: ${path} → ${code}`);
      }
      const me = (await adminCaller(session.actor).me()) as {
        roles?: unknown[];
        locations?: unknown[];
      } | null;
      expect(me?.roles ?? [], `${who}: admin me() shows staff roles`).toEqual([]);
      expect(me?.locations ?? [], `${who}: admin me() shows locations`).toEqual([]);
    }
    recordAttack(
      `impersonated sessions (RO + full) × ${procedures.length} admin procedures`,
      tally,
    );
    expect(granted).toEqual([]);
  });

  it('the portal router never lets them start, revoke or report an impersonation or touch security settings', async () => {
    const tally = new Tally();
    const granted: string[] = [];
    const forbiddenPaths = proceduresOf(portalRouter)
      .map((p) => p.path)
      .filter(
        (path) =>
          [
            'impersonation.startForTeamMember',
            'impersonation.revoke',
            'impersonation.report',
          ].includes(path) || sensitive.test(path),
      );
    for (const [who, session] of Object.entries(viewing)) {
      for (const path of forbiddenPaths) {
        const code = await trpcCode(
          procedureAt(portalCaller(session.actor), path)(sampleInput(path, session)),
        );
        tally.add(code);
        if (!refused.has(code)) granted.push(`${who}: ${path} → ${code}`);
      }
    }
    recordAttack(
      `impersonated sessions × ${forbiddenPaths.length} own-session portal procedures`,
      tally,
    );
    expect(granted).toEqual([]);
  });

  it('never sees where the member is signed in, nor signs them out of a device or everywhere', async () => {
    const tally = new Tally();
    for (const session of Object.values(viewing)) {
      const caller = portalCaller(session.actor);
      tally.add(`list ${await trpcCode(caller.session.list())}`);
      tally.add(
        `sign out bob's device ${await trpcCode(caller.session.signOutDevice({ sessionId: bobsOwnSession.sessionId }))}`,
      );
      tally.add(`sign out everywhere ${await trpcCode(caller.session.signOutEverywhere())}`);
    }
    recordAttack('impersonated sessions list / sign out the member’s own devices', tally);
    expect(tally.summary()).not.toMatch(/OK/);
    expect((await h.actorOf(bobsOwnSession.accessToken)).userId).toBe(bobsOwnSession.actor.userId);
    for (const session of Object.values(viewing)) {
      expect((await h.actorOf(session.accessToken)).sessionId).toBe(session.actor.sessionId);
    }
  });

  it('a read-only impersonation is refused every portal mutation but exit and sign-out', async () => {
    const session = viewing['operator → bob, read-only']!;
    const before = await h.db.auditEvent.count({
      where: { type: 'IMPERSONATION_MUTATION_DENIED' },
    });
    const mutations = proceduresOf(portalRouter).filter(
      (p) => p.type === 'mutation' && !p.allowInReadOnly,
    );
    const tally = new Tally();
    const granted: string[] = [];
    for (const { path } of mutations) {
      const code = await trpcCode(
        procedureAt(portalCaller(session.actor), path)(sampleInput(path, session)),
      );
      tally.add(code);
      if (code !== 'FORBIDDEN') granted.push(`${path} → ${code}`);
    }
    recordAttack(`read-only impersonation × ${mutations.length} portal mutations`, tally);
    expect(granted).toEqual([]);
    const after = await h.db.auditEvent.count({ where: { type: 'IMPERSONATION_MUTATION_DENIED' } });
    expect(after - before, 'every refusal is on the record').toBeGreaterThanOrEqual(
      mutations.length - 1,
    );
  });

  it('full mode changes the viewed profile only, never another, and records the real actor', async () => {
    const session = viewing['operator → carol (two profiles), full']!;
    const portal = portalCaller(session.actor);
    const riversideBefore = await h.db.coworker.findUniqueOrThrow({
      where: { id: ids.carolRiverside },
    });
    const switchCode = await trpcCode(portal.profiles.switch({ coworkerId: ids.carolRiverside }));
    const restSwitch = await h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: session.accessToken,
      query: { coworkerId: ids.carolRiverside },
    });
    const listed = await portal.profiles.list();
    await portal.profiles.updateDetails({
      fullName: 'Carol (edited while viewed)',
      companyName: '',
    });
    const event = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'PROFILE_UPDATED', targetCoworkerId: ids.carolDowntown },
      orderBy: { id: 'desc' },
    });
    const riversideAfter = await h.db.coworker.findUniqueOrThrow({
      where: { id: ids.carolRiverside },
    });
    recordAttack('full impersonation of a two-profile member reaches the other profile', {
      tried: 3,
      outcome: `switch ${switchCode}, REST switch ${restSwitch.status}, profiles listed ${listed.profiles.length}, audit actor ${event.actorUserId === owner.actor.userId ? 'the operator' : event.actorUserId}`,
    });
    expect(switchCode).toBe('NOT_FOUND');
    expect(restSwitch.status).toBe(404);
    expect(listed.profiles.map((p) => p.id)).toEqual([ids.carolDowntown]);
    expect(listed.user.isAdmin).toBe(false);
    expect(riversideAfter).toEqual(riversideBefore);
    expect(event.actorUserId).toBe(owner.actor.userId);
    expect(event.impersonationId).toBe(session.impersonationId);
    expect((await h.actorOf(session.accessToken)).coworkerId).toBe(ids.carolDowntown);
  });
});

describe('impersonated sessions through REST', () => {
  it('never reach the operator endpoint, the team endpoint, or another profile', async () => {
    const tally = new Tally();
    const wrong: string[] = [];
    for (const [who, session] of Object.entries(viewing)) {
      const fullMode = session.actor.impersonation?.mode === 'FULL';
      const attempts: Array<[string, () => ReturnType<ApiTestHarness['rest']>, number[]]> = [
        [
          'operator endpoint → bob',
          () =>
            h.rest('GET', '/api/sys/users/impersonate', {
              bearer: session.accessToken,
              query: { coworkerId: ids.bob },
            }),
          [401],
        ],
        [
          'operator endpoint → erin',
          () =>
            h.rest('GET', '/api/sys/users/impersonate', {
              bearer: session.accessToken,
              query: { coworkerId: ids.erin, mode: 'full', reason: 'x' },
            }),
          [401],
        ],
        [
          'team endpoint → bob',
          () =>
            h.rest('GET', `/api/public/coworkers/${ids.bob}/impersonate`, {
              bearer: session.accessToken,
            }),
          [403],
        ],
        [
          'team endpoint → dave',
          () =>
            h.rest('GET', `/api/public/coworkers/${ids.dave}/impersonate`, {
              bearer: session.accessToken,
            }),
          [403],
        ],
        [
          'switch to carol@Riverside',
          () =>
            h.rest('PUT', '/api/public/coworkers/profiles/current', {
              bearer: session.accessToken,
              query: { coworkerId: ids.carolRiverside },
            }),
          fullMode ? [404] : [403],
        ],
        [
          'permissions in Rivet',
          () =>
            h.rest('PUT', `/api/public/teams/${ids.rivet}/permissions/${ids.erin}`, {
              bearer: session.accessToken,
              body: {
                IsTeamAdministrator: true,
                CanMakeBookings: true,
                CanBookForTeam: true,
                CanPurchaseProducts: true,
                CanPurchaseEvents: true,
                CanAccessCommunity: true,
              },
            }),
          [403],
        ],
      ];
      for (const [label, send, expected] of attempts) {
        const answer = await send();
        tally.add(answer.status);
        if (!expected.includes(answer.status))
          wrong.push(`${who}: ${label} → ${answer.status} ${answer.text.slice(0, 120)}`);
      }
      const profiles = await h.rest('GET', '/api/public/coworkers/profiles', {
        bearer: session.accessToken,
      });
      const user = profiles.json?.User as { IsAdmin?: boolean; AccessToken?: unknown };
      expect(user.IsAdmin).toBe(false);
      expect(user.AccessToken).toBeNull();
      expect((profiles.json?.Profiles as unknown[]).length).toBe(1);
    }
    recordAttack(
      'impersonated bearers × operator / team endpoints, foreign profile, foreign team',
      tally,
    );
    expect(wrong).toEqual([]);
  });

  it('a member promoted to staff while being viewed lends the viewer nothing', async () => {
    const session = await impersonatedSession(h, owner, ids.frank, 'FULL');
    const frank = await h.db.coworker.findUniqueOrThrow({
      where: { id: ids.frank },
      select: { userId: true },
    });
    const role = await h.db.operatorRole.create({
      data: { userId: frank.userId!, locationId: null, role: 'OWNER' },
    });
    try {
      const rest = await h.rest('GET', '/api/sys/users/impersonate', {
        bearer: session.accessToken,
        query: { coworkerId: ids.bob },
      });
      const actor = await h.actorOf(session.accessToken).catch(() => null);
      const trpc = actor
        ? await trpcCode(adminCaller(actor).coworkers.search({}))
        : 'session ended';
      recordAttack('viewed member promoted to OWNER mid-session', {
        tried: 2,
        outcome: `operator endpoint ${rest.status}, admin search ${trpc}, roles carried ${actor?.operatorRoles.length ?? 0}`,
      });
      expect(rest.status).toBe(401);
      expect(actor?.operatorRoles ?? []).toEqual([]);
      expect(['UNAUTHORIZED', 'FORBIDDEN', 'session ended']).toContain(trpc);
    } finally {
      await h.db.operatorRole.delete({ where: { id: role.id } });
    }
  });

  it('signing out of an impersonated session ends it alone, never the operator behind it', async () => {
    const session = await impersonatedSession(h, owner, ids.bob, 'FULL');
    await portalCaller(session.actor).session.signOut();
    const viewed = await h.rest('GET', '/api/public/coworkers/profiles', {
      bearer: session.accessToken,
    });
    const operator = await h.rest('GET', '/api/public/coworkers/profiles', {
      bearer: owner.accessToken,
    });
    recordAttack('sign-out inside an impersonation', {
      tried: 2,
      outcome: `impersonated bearer ${viewed.status}, operator's own bearer ${operator.status}`,
    });
    expect(viewed.status).toBe(401);
    expect(operator.status).toBe(200);
    expect(await grantToken(h, owner, ids.bob)).toMatch(/^ey/);
  });
});
