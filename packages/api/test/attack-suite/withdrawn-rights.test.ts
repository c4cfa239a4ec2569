import { type OperatorRoleKind } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../../src/admin';
import { portalRouter } from '../../src/portal';
import { authenticateAccessToken } from '../../src/sessions/authenticate';
import {
  startApiTestHarness,
  type ApiTestHarness,
  type SignedIn,
} from '../support/api-test-harness';
import { impersonateViaRest, type StartedImpersonation } from '../support/impersonation-flow';
import { trpcTestContext } from '../support/trpc-test-context';
import { recordAttack, Tally } from './attack-log';
import { trpcCode } from './attack-fixtures';

/**
 * A view is only as good as the right behind it: it ends the moment that right is gone, whichever
 * way it goes, and a view never changes who may view whom.
 */

let h: ApiTestHarness;
let downtown: number;
let bob: number;
let passwordHash: string;
let seq = 0;

beforeAll(async () => {
  h = await startApiTestHarness();
  downtown = (await h.db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } })).id;
  bob = await h.coworkerIdOf('bob@example.com');
  passwordHash = (await h.db.user.findUniqueOrThrow({ where: { email: 'owner@hotdesk.test' } }))
    .passwordHash!;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** A staff member of Downtown of their own, so a test can take their rights away freely. */
async function freshOperator(role: OperatorRoleKind = 'ADMIN'): Promise<SignedIn> {
  const email = `operator-${++seq}@rights.test`;
  await h.db.user.create({
    data: {
      email,
      fullName: `Operator ${seq}`,
      passwordHash,
      operatorRoles: { create: { role, locationId: downtown } },
    },
  });
  return h.signIn(email);
}

/** A team of Downtown with an administrator and a member of its own, each with a login. */
async function freshTeam() {
  const n = ++seq;
  const person = async (name: string) => {
    const email = `${name}-${n}@rights.test`;
    const user = await h.db.user.create({
      data: { email, fullName: `${name} ${n}`, passwordHash },
    });
    return h.db.coworker.create({
      data: { locationId: downtown, userId: user.id, fullName: `${name} ${n}`, email },
    });
  };
  const [admin, member] = [await person('admin'), await person('member')];
  const team = await h.db.team.create({
    data: {
      locationId: downtown,
      name: `Team ${n}`,
      members: {
        create: [
          { coworkerId: admin.id, isAdministrator: true },
          { coworkerId: member.id, accessCardId: `CARD-${n}` },
        ],
      },
    },
  });
  return {
    team: team.id,
    admin: admin.id,
    member: member.id,
    adminSession: await h.signIn(admin.email!),
  };
}

const policy = {
  operatorImpersonationEnabled: true,
  teamAdminImpersonationEnabled: true,
  maxSessionMinutes: 60,
  fullModeAllowed: true,
  reasonRequired: false,
};

async function setDowntownPolicy(change: Partial<typeof policy>) {
  const owner = await h.signIn('owner@hotdesk.test', 'ADMIN');
  await adminRouter
    .createCaller(trpcTestContext(h, 'admin', owner.actor).ctx)
    .policies.update({ locationId: downtown, policy: { ...policy, ...change } });
}

async function viewStatus(view: StartedImpersonation) {
  return (await h.rest('GET', '/api/public/coworkers/profiles', { bearer: view.accessToken }))
    .status;
}

/** The view is over for REST and tRPC alike, and the record says the right was withdrawn. */
async function expectEnded(view: StartedImpersonation, how: string) {
  const status = await viewStatus(view);
  recordAttack(`use a live view after ${how}`, { tried: 1, outcome: `REST ${status}` });
  expect(status).toBe(401);
  expect(await authenticateAccessToken(h.ctx, view.accessToken, 'PORTAL')).toBeNull();
  const row = await h.db.impersonation.findUniqueOrThrow({ where: { id: view.impersonationId } });
  expect(row.endedReason).toBe('RIGHT_WITHDRAWN');
  const event = await h.db.auditEvent.findFirstOrThrow({
    where: { impersonationId: view.impersonationId, type: 'IMPERSONATION_WITHDRAWN' },
  });
  expect((event.data as { why?: string }).why).toBeTruthy();
}

describe('a live view ends as soon as the actor loses the right to it', () => {
  it('the operator is deactivated', async () => {
    const operator = await freshOperator();
    const view = await impersonateViaRest(h, operator, bob);
    expect(await viewStatus(view)).toBe(200);
    await h.db.user.update({ where: { id: operator.actor.userId! }, data: { active: false } });
    await expectEnded(view, 'the operator is deactivated');
  });

  it('the operator’s role is removed', async () => {
    const operator = await freshOperator();
    const view = await impersonateViaRest(h, operator, bob);
    await h.db.operatorRole.deleteMany({ where: { userId: operator.actor.userId! } });
    await expectEnded(view, 'the operator’s role is removed');
  });

  it('the operator’s role is lowered to VIEWER', async () => {
    const operator = await freshOperator('OPERATOR');
    const view = await impersonateViaRest(h, operator, bob);
    await h.db.operatorRole.updateMany({
      where: { userId: operator.actor.userId! },
      data: { role: 'VIEWER' },
    });
    await expectEnded(view, 'the operator is lowered to VIEWER');
  });

  it('the team administrator’s flag is cleared by an operator (and ends at once)', async () => {
    const t = await freshTeam();
    const view = await impersonateViaRest(h, t.adminSession, t.member, { kind: 'team-admin' });
    expect(await viewStatus(view)).toBe(200);
    const owner = await h.signIn('owner@hotdesk.test', 'ADMIN');
    await adminRouter
      .createCaller(trpcTestContext(h, 'admin', owner.actor).ctx)
      .teams.setAdministrator({ teamId: t.team, coworkerId: t.admin, isAdministrator: false });
    // Ended by the change itself, before anyone uses the view again.
    const row = await h.db.impersonation.findUniqueOrThrow({ where: { id: view.impersonationId } });
    expect(row.endedAt).not.toBeNull();
    await expectEnded(view, 'an operator clears the team-admin flag');
  });

  it('the team administrator’s flag is cleared behind the application’s back', async () => {
    const t = await freshTeam();
    const view = await impersonateViaRest(h, t.adminSession, t.member, { kind: 'team-admin' });
    await h.db.teamMember.updateMany({
      where: { teamId: t.team, coworkerId: t.admin },
      data: { isAdministrator: false },
    });
    await expectEnded(view, 'the team-admin flag is cleared in the database');
  });

  it('the member opts out of team-admin viewing (and it ends at once)', async () => {
    const t = await freshTeam();
    const view = await impersonateViaRest(h, t.adminSession, t.member, { kind: 'team-admin' });
    const member = await h.db.coworker.findUniqueOrThrow({ where: { id: t.member } });
    const memberSession = await h.signIn(member.email!);
    await portalRouter
      .createCaller(trpcTestContext(h, 'portal', memberSession.actor).ctx)
      .profiles.setTeamAdminImpersonation({ allow: false });
    const row = await h.db.impersonation.findUniqueOrThrow({ where: { id: view.impersonationId } });
    expect(row.endedAt).not.toBeNull();
    await expectEnded(view, 'the member opts out');
  });

  it('the location switches the kind off, then full mode off, and each ends the views it covers', async () => {
    const t = await freshTeam();
    const teamView = await impersonateViaRest(h, t.adminSession, t.member, { kind: 'team-admin' });
    const operatorView = await impersonateViaRest(h, await freshOperator(), bob);
    try {
      await setDowntownPolicy({ teamAdminImpersonationEnabled: false });
      await expectEnded(teamView, 'the location turns team-admin viewing off');
      expect(await viewStatus(operatorView)).toBe(200);

      await setDowntownPolicy({});
      const fullView = await impersonateViaRest(h, await freshOperator(), bob, {
        mode: 'full',
        reason: 'Ticket 7',
      });
      await setDowntownPolicy({ fullModeAllowed: false });
      await expectEnded(fullView, 'the location turns full mode off');
      // Read-only views are not what was switched off.
      expect(await viewStatus(operatorView)).toBe(200);
    } finally {
      await h.db.locationPolicy.deleteMany();
    }
  });

  it('a lowered maximum shortens live views; a newly required reason ends nothing', async () => {
    const view = await impersonateViaRest(h, await freshOperator(), bob);
    try {
      await setDowntownPolicy({ reasonRequired: true, maxSessionMinutes: 20 });
      expect(await viewStatus(view)).toBe(200);
      const actor = await authenticateAccessToken(h.ctx, view.accessToken, 'PORTAL');
      const started = (
        await h.db.impersonation.findUniqueOrThrow({ where: { id: view.impersonationId } })
      ).exchangedAt!;
      expect(actor?.expiresAt.getTime()).toBe(started.getTime() + 20 * 60_000);
      h.advanceClock(21 * 60_000);
      expect(await viewStatus(view)).toBe(401);
    } finally {
      h.advanceClock(-21 * 60_000);
      await h.db.locationPolicy.deleteMany();
    }
  });
});

describe('a view never changes who may view whom', () => {
  it('Gamma: alice, viewing bob (administrator of Gamma) in full, cannot make herself Gamma’s administrator', async () => {
    const tally = new Tally();
    const alice = await h.coworkerIdOf('alice@example.com');
    const gina = await h.db.coworker.create({
      data: { locationId: downtown, fullName: 'Gina Gamma', email: 'gina@rights.test' },
    });
    const gamma = await h.db.team.create({
      data: {
        locationId: downtown,
        name: 'Gamma',
        members: {
          create: [
            { coworkerId: bob, isAdministrator: true },
            { coworkerId: alice },
            { coworkerId: gina.id, accessCardId: 'GINA-CARD' },
          ],
        },
      },
    });
    const aliceSession = await h.signIn('alice@example.com');
    const asBob = await impersonateViaRest(h, aliceSession, bob, {
      kind: 'team-admin',
      mode: 'full',
      reason: 'Help with a booking',
    });
    const rest = await h.rest('PUT', `/api/public/teams/${gamma.id}/permissions/${alice}`, {
      bearer: asBob.accessToken,
      body: restFlags(true),
    });
    tally.add(`REST ${rest.status}`);
    expect(rest.status).toBe(403);

    const bobView = portalRouter.createCaller(
      trpcTestContext(h, 'portal', await h.actorOf(asBob.accessToken)).ctx,
    );
    const trpc = await trpcCode(
      bobView.teams.updatePermissions({
        teamId: gamma.id,
        memberId: alice,
        permissions: flags(true),
      }),
    );
    tally.add(`tRPC ${trpc}`);
    expect(trpc).toBe('FORBIDDEN');
    // Nor does the view show Gamma's administration page (roster flags, access cards).
    const page = await trpcCode(bobView.teams.administered({ teamId: gamma.id }));
    tally.add(`page ${page}`);
    expect(page).toBe('FORBIDDEN');
    const mine = await bobView.teams.mine({ page: 1, pageSize: 100 });
    const listed = mine.teams.find((team) => team.id === gamma.id);
    expect(listed?.canAdminister).toBe(false);
    expect(JSON.stringify(mine)).not.toContain('GINA-CARD');

    const membership = await h.db.teamMember.findFirstOrThrow({
      where: { teamId: gamma.id, coworkerId: alice },
    });
    expect(membership.isAdministrator).toBe(false);
    // And so alice, as herself, still cannot view Gamma's members.
    const probe = await h.rest('GET', `/api/public/coworkers/${gina.id}/impersonate`, {
      bearer: aliceSession.accessToken,
    });
    expect(probe.status).toBe(404);
    expect(
      await h.db.auditEvent.count({
        where: { type: 'IMPERSONATION_MUTATION_DENIED', impersonationId: asBob.impersonationId },
      }),
    ).toBe(2);
    recordAttack(
      'a full team-admin view grants its viewer another team (REST + tRPC + page)',
      tally,
    );
  });

  it('administrators are peers: one cannot clear the other’s flag, then view them', async () => {
    const t = await freshTeam();
    const peer = await h.db.coworker.create({
      data: { locationId: downtown, fullName: 'Peer Admin', email: 'peer@rights.test' },
    });
    await h.db.teamMember.create({
      data: { teamId: t.team, coworkerId: peer.id, isAdministrator: true },
    });
    const cleared = await h.rest('PUT', `/api/public/teams/${t.team}/permissions/${peer.id}`, {
      bearer: t.adminSession.accessToken,
      body: restFlags(false),
    });
    expect(cleared.status).toBe(403);
    expect(String(cleared.json?.message)).toMatch(/another administrator/i);
    const trpc = await trpcCode(
      portalRouter
        .createCaller(trpcTestContext(h, 'portal', t.adminSession.actor).ctx)
        .teams.updatePermissions({ teamId: t.team, memberId: peer.id, permissions: flags(false) }),
    );
    expect(trpc).toBe('FORBIDDEN');
    const view = await h.rest('GET', `/api/public/coworkers/${peer.id}/impersonate`, {
      bearer: t.adminSession.accessToken,
    });
    expect(view.status).toBe(403);
    recordAttack('clear a peer administrator’s flag, then view them (REST + tRPC)', {
      tried: 3,
      outcome: `clear REST ${cleared.status}, clear tRPC ${trpc}, view ${view.status}`,
    });
  });
});

describe('probing and HEAD cost what granting costs', () => {
  it('refusals count against the hourly limit; past it 429, and one event per window', async () => {
    const limited = await startApiTestHarness({ grantsPerActor: { limit: 3, windowMinutes: 60 } });
    try {
      const carol = await limited.signIn('carol@example.com');
      const answers = new Tally();
      for (const id of [1, 2, 3, 4, 5, 6, 7, 987_654]) {
        const answer = await limited.rest('GET', `/api/public/coworkers/${id}/impersonate`, {
          bearer: carol.accessToken,
        });
        answers.add(answer.status);
        if (answer.status === 429) expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      }
      expect(answers.count(403)).toBe(3);
      expect(answers.count(429)).toBe(5);
      const denials = await limited.db.auditEvent.findMany({
        where: { type: 'IMPERSONATION_DENIED', actorUserId: carol.actor.userId },
      });
      expect(denials.map((event) => (event.data as { status: number }).status)).toEqual([
        403, 403, 403, 429,
      ]);
      recordAttack('a member probes 8 ids on the team endpoint (limit 3/hour)', answers);
    } finally {
      await limited.close();
    }
  });

  it('tRPC answers as REST does: 403 to who administers no team, 404 outside the teams', async () => {
    const carol = await h.signIn('carol@example.com');
    const alice = await h.signIn('alice@example.com');
    const erin = await h.coworkerIdOf('erin@example.com', 'riverside');
    const start = (actor: SignedIn, coworkerId: number) =>
      trpcCode(
        portalRouter
          .createCaller(trpcTestContext(h, 'portal', actor.actor).ctx)
          .impersonation.startForTeamMember({ coworkerId }),
      );
    const answers = [
      await start(carol, 987_654),
      await start(carol, bob),
      await start(alice, 987_654),
      await start(alice, erin),
    ];
    expect(answers).toEqual(['FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND']);
    recordAttack('probe ids through the tRPC team-admin grant', {
      tried: answers.length,
      outcome: answers.join(', '),
    });
  });

  it.each([
    ['/api/sys/users/impersonate', 'owner@hotdesk.test', true],
    ['/api/public/coworkers/{bob}/impersonate', 'alice@example.com', false],
  ])('HEAD %s → 405 Allow: GET, and nothing is granted', async (path, email, query) => {
    const session = await h.signIn(email);
    const before = await h.db.impersonation.count();
    const events = await h.db.auditEvent.count();
    const answer = await h.rest('HEAD', path.replace('{bob}', String(bob)), {
      bearer: session.accessToken,
      ...(query ? { query: { coworkerId: bob } } : {}),
    });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET');
    expect(await h.db.impersonation.count()).toBe(before);
    expect(await h.db.auditEvent.count()).toBe(events);
  });
});

function flags(isTeamAdministrator: boolean) {
  return {
    isTeamAdministrator,
    canMakeBookings: true,
    canBookForTeam: true,
    canPurchaseProducts: true,
    canPurchaseEvents: true,
    canAccessCommunity: true,
  };
}

function restFlags(isTeamAdministrator: boolean) {
  return {
    IsTeamAdministrator: isTeamAdministrator,
    CanMakeBookings: true,
    CanBookForTeam: true,
    CanPurchaseProducts: true,
    CanPurchaseEvents: true,
    CanAccessCommunity: true,
  };
}
