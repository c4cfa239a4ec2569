import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { authenticateAccessToken } from '../sessions/authenticate';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { describeViewability } from './describe-viewability';

/**
 * DESIGN.md "Rules that must hold", as a table: every caller kind × every target kind × both
 * grant endpoints → the expected status. A cell that changes fails here.
 */
const targets = [
  'self',
  'teamMate',
  'otherTeam',
  'otherLocation',
  'staff',
  'inactive',
  'unknown',
] as const;
type Target = (typeof targets)[number];
type Row = Record<Target, number>;

const all = (status: number): Row =>
  Object.fromEntries(targets.map((target) => [target, status])) as Row;

const operatorAtDowntown: Row = {
  self: 403,
  teamMate: 200,
  otherTeam: 200,
  otherLocation: 404,
  staff: 403,
  inactive: 403,
  unknown: 404,
};
const operatorAtRiverside: Row = {
  self: 404,
  teamMate: 404,
  otherTeam: 404,
  otherLocation: 200,
  staff: 404,
  inactive: 404,
  unknown: 404,
};

const callers = [
  'anonymous',
  'garbageBearer',
  'member',
  'teamAdmin',
  'viewerDowntown',
  'viewerRiverside',
  'operatorDowntown',
  'operatorRiverside',
  'adminDowntown',
  'adminRiverside',
  'owner',
  'impersonated',
] as const;
type Caller = (typeof callers)[number];

const operatorEndpoint: Record<Caller, Row> = {
  anonymous: all(401),
  garbageBearer: all(401),
  member: all(401),
  teamAdmin: all(401),
  viewerDowntown: all(401),
  viewerRiverside: all(401),
  operatorDowntown: operatorAtDowntown,
  operatorRiverside: operatorAtRiverside,
  adminDowntown: operatorAtDowntown,
  adminRiverside: operatorAtRiverside,
  owner: {
    self: 403,
    teamMate: 200,
    otherTeam: 200,
    otherLocation: 200,
    staff: 403,
    inactive: 403,
    unknown: 404,
  },
  impersonated: all(401),
};

// Who administers no team is refused before any lookup (403 for every id, unknown included); a
// team administrator gets 404 for anyone outside their teams, exactly as for an unknown id.
const teamEndpoint: Record<Caller, Row> = {
  anonymous: all(401),
  garbageBearer: all(401),
  member: all(403),
  teamAdmin: {
    self: 403,
    teamMate: 200,
    otherTeam: 404,
    otherLocation: 404,
    staff: 403,
    inactive: 403,
    unknown: 404,
  },
  viewerDowntown: all(403),
  viewerRiverside: all(403),
  operatorDowntown: all(403),
  operatorRiverside: all(403),
  adminDowntown: all(403),
  adminRiverside: all(403),
  owner: all(403),
  impersonated: all(403),
};

const callerEmails: Partial<Record<Caller, string>> = {
  member: 'carol@example.com',
  teamAdmin: 'alice@example.com',
  viewerDowntown: 'viewer@downtown.hotdesk.test',
  viewerRiverside: 'viewer@riverside.matrix.test',
  operatorDowntown: 'operator@downtown.matrix.test',
  operatorRiverside: 'operator@riverside.matrix.test',
  adminDowntown: 'admin@downtown.hotdesk.test',
  adminRiverside: 'admin@riverside.hotdesk.test',
  owner: 'owner@hotdesk.test',
};

let h: ApiTestHarness;
const bearers = new Map<Caller, string | undefined>();
const selfTargets = new Map<Caller, number>();
const sharedTargets = new Map<Exclude<Target, 'self'>, number>();

beforeAll(async () => {
  h = await startApiTestHarness();
  const db = h.db;
  const downtown = await db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } });
  const riverside = await db.location.findUniqueOrThrow({ where: { webAddress: 'riverside' } });
  const acme = await db.team.findFirstOrThrow({ where: { name: 'Acme' } });
  const { passwordHash } = await db.user.findUniqueOrThrow({
    where: { email: 'owner@hotdesk.test' },
  });

  // Staff kinds the demo data lacks: OPERATORs and a VIEWER at Riverside.
  for (const [email, role, locationId] of [
    ['operator@downtown.matrix.test', 'OPERATOR', downtown.id],
    ['operator@riverside.matrix.test', 'OPERATOR', riverside.id],
    ['viewer@riverside.matrix.test', 'VIEWER', riverside.id],
  ] as const) {
    await db.user.create({
      data: {
        email,
        fullName: email,
        passwordHash,
        operatorRoles: { create: { role, locationId } },
      },
    });
  }
  // A staff member who is also a member of Acme, and the suspended dave moved into Acme, so the
  // team administrator reaches them and the refusal is about who they are.
  const admin = await db.user.findUniqueOrThrow({
    where: { email: 'admin@downtown.hotdesk.test' },
  });
  const staff = await db.coworker.create({
    data: {
      locationId: downtown.id,
      userId: admin.id,
      fullName: 'Staff Member',
      email: admin.email,
    },
  });
  const dave = await h.coworkerIdOf('dave@example.com');
  await db.teamMember.createMany({
    data: [
      { teamId: acme.id, coworkerId: staff.id },
      { teamId: acme.id, coworkerId: dave },
    ],
  });
  const other = await db.coworker.create({
    data: { locationId: downtown.id, fullName: 'Olga Other', email: 'olga@matrix.test' },
  });
  await db.team.create({
    data: { locationId: downtown.id, name: 'Beta', members: { create: { coworkerId: other.id } } },
  });

  sharedTargets.set('teamMate', await h.coworkerIdOf('bob@example.com'));
  sharedTargets.set('otherTeam', other.id);
  sharedTargets.set('otherLocation', await h.coworkerIdOf('erin@example.com', 'riverside'));
  sharedTargets.set('staff', staff.id);
  sharedTargets.set('inactive', dave);
  sharedTargets.set('unknown', 987_654);

  bearers.set('anonymous', undefined);
  bearers.set('garbageBearer', 'not-a-real-token');
  for (const caller of callers) {
    const email = callerEmails[caller];
    if (!email) continue;
    const signedIn = await h.signIn(email);
    bearers.set(caller, signedIn.accessToken);
    const user = await db.user.findUniqueOrThrow({
      where: { email },
      include: { coworkers: { where: { locationId: downtown.id } } },
    });
    // Callers without a Downtown profile get one of their own: "self" for every caller.
    const self =
      user.coworkers[0] ??
      (await db.coworker.create({
        data: { locationId: downtown.id, userId: user.id, fullName: `${email} (self)` },
      }));
    selfTargets.set(caller, self.id);
  }

  const owner = bearers.get('owner');
  const grant = await h.rest('GET', '/api/sys/users/impersonate', {
    bearer: owner,
    query: { coworkerId: sharedTargets.get('teamMate')! },
  });
  const exchanged = await h.rest('POST', '/api/sys/users/exchange', {
    query: { token: String(grant.json?.token), validForInMinutes: 30 },
  });
  bearers.set('impersonated', String(exchanged.json?.token));
  selfTargets.set('impersonated', sharedTargets.get('teamMate')!);
  selfTargets.set('anonymous', sharedTargets.get('teamMate')!);
  selfTargets.set('garbageBearer', sharedTargets.get('teamMate')!);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

function targetId(caller: Caller, target: Target): number {
  return target === 'self' ? selfTargets.get(caller)! : sharedTargets.get(target)!;
}

/**
 * What the apps show before anything starts (the rules' "can I view this person?"), for the
 * caller's own session: the status a read-only grant without a reason would get. Null for
 * callers without a session, who never see the question.
 */
const signedOut: ReadonlySet<Caller> = new Set(['anonymous', 'garbageBearer']);

async function statusTheUiShows(caller: Caller, kind: 'OPERATOR' | 'TEAM_ADMIN', id: number) {
  const bearer = bearers.get(caller);
  const actor = bearer ? await authenticateAccessToken(h.ctx, bearer) : null;
  if (!actor) return null;
  const answer = await describeViewability(h.ctx, actor, kind, id);
  if (!answer.allowed) return answer.refusal.status;
  const terms = answer.modes.READ_ONLY;
  if (!terms.allowed) return terms.refusal.status;
  return terms.reasonRequired ? 400 : 200;
}

describe('GET /api/sys/users/impersonate (operator)', () => {
  for (const caller of callers) {
    for (const target of targets) {
      const expected = operatorEndpoint[caller][target];
      it(`${caller} → ${target}: ${expected}, and the UI's answer agrees`, async () => {
        const shown = await statusTheUiShows(caller, 'OPERATOR', targetId(caller, target));
        const response = await h.rest('GET', '/api/sys/users/impersonate', {
          bearer: bearers.get(caller),
          query: { coworkerId: targetId(caller, target) },
        });
        expect(response.status).toBe(expected);
        expect(shown).toBe(signedOut.has(caller) ? null : expected);
        if (expected === 200) expect(String(response.json?.token).split('.')).toHaveLength(3);
        else expect(response.json?.token).toBeUndefined();
      });
    }
  }
});

describe('GET /api/public/coworkers/{id}/impersonate (team administrator)', () => {
  for (const caller of callers) {
    for (const target of targets) {
      const expected = teamEndpoint[caller][target];
      it(`${caller} → ${target}: ${expected}, and the UI's answer agrees`, async () => {
        const shown = await statusTheUiShows(caller, 'TEAM_ADMIN', targetId(caller, target));
        const response = await h.rest(
          'GET',
          `/api/public/coworkers/${targetId(caller, target)}/impersonate`,
          {
            bearer: bearers.get(caller),
          },
        );
        expect(response.status).toBe(expected);
        expect(shown).toBe(signedOut.has(caller) ? null : expected);
        if (expected === 200) expect(String(response.json?.token).split('.')).toHaveLength(3);
      });
    }
  }
});

describe('refusals inside the caller’s scope say why', () => {
  it.each([
    ['staff', /staff/i],
    ['inactive', /inactive|suspended/i],
    ['self', /own profile|staff/i],
  ] as const)('operator → %s', async (target, message) => {
    const response = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: bearers.get('adminDowntown'),
      query: { coworkerId: targetId('adminDowntown', target) },
    });
    expect(response.status).toBe(403);
    expect(String(response.json?.message)).toMatch(message);
  });

  it.each([
    ['staff', /staff/i],
    ['inactive', /inactive|suspended/i],
    ['self', /own profile/i],
  ] as const)('team administrator → %s', async (target, message) => {
    const response = await h.rest(
      'GET',
      `/api/public/coworkers/${targetId('teamAdmin', target)}/impersonate`,
      {
        bearer: bearers.get('teamAdmin'),
      },
    );
    expect(response.status).toBe(403);
    expect(String(response.json?.message)).toMatch(message);
  });

  it('a team administrator cannot impersonate another administrator of the same team', async () => {
    const acme = await h.db.team.findFirstOrThrow({ where: { name: 'Acme' } });
    const bob = sharedTargets.get('teamMate')!;
    await h.db.teamMember.update({
      where: { teamId_coworkerId: { teamId: acme.id, coworkerId: bob } },
      data: { isAdministrator: true },
    });
    try {
      const response = await h.rest('GET', `/api/public/coworkers/${bob}/impersonate`, {
        bearer: bearers.get('teamAdmin'),
      });
      expect(response.status).toBe(403);
      expect(String(response.json?.message)).toMatch(/administrator/i);
    } finally {
      await h.db.teamMember.update({
        where: { teamId_coworkerId: { teamId: acme.id, coworkerId: bob } },
        data: { isAdministrator: false },
      });
    }
  });
});

describe('malformed ids', () => {
  it.each(['abc', '0', '-1', '1.5', '2147483648', ''])(
    'operator endpoint coworkerId=%j → 400 naming the field',
    async (value) => {
      const response = await h.rest('GET', '/api/sys/users/impersonate', {
        bearer: bearers.get('owner'),
        query: { coworkerId: value },
      });
      expect(response.status).toBe(400);
      expect(response.json?.field).toBe('coworkerId');
    },
  );

  it.each(['abc', '0', '2147483648'])('team endpoint /%s/ → 400', async (value) => {
    const response = await h.rest('GET', `/api/public/coworkers/${value}/impersonate`, {
      bearer: bearers.get('teamAdmin'),
    });
    expect(response.status).toBe(400);
    expect(response.json?.field).toBe('coworkerId');
  });
});
