import { addDays } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../admin';
import { portalRouter } from '../portal';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { trpcCode, trpcTestContext } from '../../test/support/trpc-test-context';
import { auditEventTypes, type AuditEventType } from './audit-event-types';

let h: ApiTestHarness;
let users: Record<'owner' | 'downtownAdmin' | 'alice' | 'bob' | 'carol', number>;
let downtownId: number;
let riversideId: number;
let alice: number;
let bob: number;
let erin: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  const userId = async (email: string) =>
    (await h.db.user.findUniqueOrThrow({ where: { email } })).id;
  users = {
    owner: await userId('owner@hotdesk.test'),
    downtownAdmin: await userId('admin@downtown.hotdesk.test'),
    alice: await userId('alice@example.com'),
    bob: await userId('bob@example.com'),
    carol: await userId('carol@example.com'),
  };
  downtownId = (await h.db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } })).id;
  riversideId = (await h.db.location.findUniqueOrThrow({ where: { webAddress: 'riverside' } })).id;
  alice = await h.coworkerIdOf('alice@example.com');
  bob = await h.coworkerIdOf('bob@example.com');
  erin = await h.coworkerIdOf('erin@example.com', 'riverside');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function lastEventId(): Promise<bigint> {
  const last = await h.db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return last?.id ?? 0n;
}

const eventsSince = (id: bigint) =>
  h.db.auditEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: 'asc' } });

/** Who the event must name: the person really acting, never the member being viewed. */
interface Expected {
  actorUserId: number | null;
  actorCoworkerId?: number | null;
  targetCoworkerId?: number;
  impersonationId?: string;
}

const portalCaller = async (accessToken: string) =>
  portalRouter.createCaller(trpcTestContext(h, 'portal', await h.actorOf(accessToken)).ctx);

/** One flow per event type; `Record` makes a new type without a flow a compile error. */
const flows: Record<AuditEventType, () => Promise<Expected>> = {
  SIGN_IN: async () => {
    await h.signIn('carol@example.com');
    return { actorUserId: users.carol };
  },
  SIGN_IN_FAILED: async () => {
    const response = await h.rest('POST', '/api/token', {
      form: { grant_type: 'password', username: 'carol@example.com', password: 'not-her-password' },
    });
    expect(response.status).toBe(400);
    return { actorUserId: users.carol };
  },
  SIGN_IN_UNLOCKED: async () => {
    const admin = await h.signIn('admin@downtown.hotdesk.test', 'ADMIN');
    const caller = adminRouter.createCaller(trpcTestContext(h, 'admin', admin.actor).ctx);
    await caller.coworkers.unlockSignIn({ coworkerId: bob });
    return { actorUserId: users.downtownAdmin, actorCoworkerId: null, targetCoworkerId: bob };
  },
  SIGN_OUT: async () => {
    const carol = await h.signIn('carol@example.com');
    await (await portalCaller(carol.accessToken)).session.signOut();
    return { actorUserId: users.carol };
  },
  SIGN_OUT_OTHER_SESSION: async () => {
    const laptop = await h.signIn('carol@example.com');
    const phone = await h.signIn('carol@example.com');
    await (
      await portalCaller(laptop.accessToken)
    ).session.signOutDevice({ sessionId: phone.sessionId });
    return { actorUserId: users.carol };
  },
  SIGN_OUT_EVERYWHERE: async () => {
    const carol = await h.signIn('carol@example.com');
    await (await portalCaller(carol.accessToken)).session.signOutEverywhere();
    return { actorUserId: users.carol };
  },
  REFRESH_TOKEN_REUSED: async () => {
    const carol = await h.signIn('carol@example.com');
    const refresh = () =>
      h.rest('POST', '/api/token', {
        form: { grant_type: 'refresh_token', refresh_token: carol.refreshToken },
      });
    expect((await refresh()).status).toBe(200);
    const pastGrace = (h.ctx.config.refreshReuseGraceSeconds + 1) * 1_000;
    h.advanceClock(pastGrace);
    try {
      expect((await refresh()).json?.error).toBe('invalid_grant');
    } finally {
      h.advanceClock(-pastGrace);
    }
    return { actorUserId: users.carol };
  },
  IMPERSONATION_GRANTED: async () => {
    const aliceSession = await h.signIn('alice@example.com');
    const grant = await h.rest('GET', `/api/public/coworkers/${bob}/impersonate`, {
      bearer: aliceSession.accessToken,
    });
    expect(grant.status).toBe(200);
    return { actorUserId: users.alice, actorCoworkerId: alice, targetCoworkerId: bob };
  },
  IMPERSONATION_DENIED: async () => {
    const bobSession = await h.signIn('bob@example.com');
    const grant = await h.rest('GET', `/api/public/coworkers/${alice}/impersonate`, {
      bearer: bobSession.accessToken,
    });
    expect(grant.status).toBe(403);
    return { actorUserId: users.bob, targetCoworkerId: alice };
  },
  IMPERSONATION_EXCHANGED: async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    return {
      actorUserId: users.owner,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  IMPERSONATION_EXCHANGE_DENIED: async () => {
    const owner = await h.signIn('owner@hotdesk.test');
    const grant = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: owner.accessToken,
      query: { coworkerId: bob },
    });
    const token = String(grant.json?.token);
    const exchange = (): ReturnType<typeof h.rest> =>
      h.rest('POST', '/api/sys/users/exchange', { query: { token, validForInMinutes: 10 } });
    expect((await exchange()).status).toBe(200);
    const since = await lastEventId();
    expect((await exchange()).status).toBe(401);
    const [denial] = await eventsSince(since);
    // Nobody is signed in on a replay: the event points at the grant instead.
    expect(denial?.impersonationId).toBeTruthy();
    return { actorUserId: null };
  },
  IMPERSONATION_EXITED: async () => {
    const viewing = await impersonateViaRest(h, 'alice@example.com', bob, { kind: 'team-admin' });
    await (await portalCaller(viewing.accessToken)).impersonation.exit();
    return {
      actorUserId: users.alice,
      actorCoworkerId: alice,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  IMPERSONATION_REVOKED: async () => {
    const viewing = await impersonateViaRest(h, 'alice@example.com', bob, { kind: 'team-admin' });
    // The viewed member ends it from their own session: the event names them, the revoker.
    const bobSession = await h.signIn('bob@example.com');
    await (
      await portalCaller(bobSession.accessToken)
    ).impersonation.revoke({ impersonationId: viewing.impersonationId });
    return {
      actorUserId: users.bob,
      actorCoworkerId: bob,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  IMPERSONATION_EXPIRED: async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob, {
      validForInMinutes: 5,
    });
    const sixMinutes = 6 * 60_000;
    h.advanceClock(sixMinutes);
    try {
      expect(
        (await h.rest('GET', '/api/public/coworkers/profiles', { bearer: viewing.accessToken }))
          .status,
      ).toBe(401);
    } finally {
      h.advanceClock(-sixMinutes);
    }
    return {
      actorUserId: users.owner,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  IMPERSONATION_ACTOR_SESSION_ENDED: async () => {
    const viewing = await impersonateViaRest(h, 'alice@example.com', bob, { kind: 'team-admin' });
    await (await portalCaller(viewing.impersonator.accessToken)).session.signOut();
    return {
      actorUserId: users.alice,
      actorCoworkerId: alice,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  IMPERSONATION_WITHDRAWN: async () => {
    const viewing = await impersonateViaRest(h, 'alice@example.com', bob, { kind: 'team-admin' });
    // Bob says no to his team administrators: alice's view of him ends there and then.
    const bobSession = await h.signIn('bob@example.com');
    const bobPortal = await portalCaller(bobSession.accessToken);
    await bobPortal.profiles.setTeamAdminImpersonation({ allow: false });
    await bobPortal.profiles.setTeamAdminImpersonation({ allow: true });
    return {
      actorUserId: users.alice,
      actorCoworkerId: alice,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  IMPERSONATION_MUTATION_DENIED: async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const response = await h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: viewing.accessToken,
      query: { coworkerId: bob },
    });
    expect(response.status).toBe(403);
    return {
      actorUserId: users.owner,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  IMPERSONATION_REPORTED: async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const bobSession = await h.signIn('bob@example.com');
    await (
      await portalCaller(bobSession.accessToken)
    ).impersonation.report({ impersonationId: viewing.impersonationId, words: 'Not me' });
    return {
      actorUserId: users.bob,
      actorCoworkerId: bob,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  IMPERSONATION_REPORT_RESOLVED: async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const bobSession = await h.signIn('bob@example.com');
    const { report } = await (
      await portalCaller(bobSession.accessToken)
    ).impersonation.report({ impersonationId: viewing.impersonationId });
    const admin = await h.signIn('admin@downtown.hotdesk.test', 'ADMIN');
    await adminRouter
      .createCaller(trpcTestContext(h, 'admin', admin.actor).ctx)
      .reports.resolve({ reportId: report.id });
    return {
      actorUserId: users.downtownAdmin,
      actorCoworkerId: null,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  PROFILE_SWITCHED: async () => {
    const viewing = await impersonateViaRest(h, 'alice@example.com', bob, {
      kind: 'team-admin',
      mode: 'full',
      reason: 'Helping Bob',
    });
    const response = await h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: viewing.accessToken,
      query: { coworkerId: bob },
    });
    expect(response.status).toBe(200);
    return {
      actorUserId: users.alice,
      actorCoworkerId: alice,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  PROFILE_UPDATED: async () => {
    const viewing = await impersonateViaRest(h, 'alice@example.com', bob, {
      kind: 'team-admin',
      mode: 'full',
      reason: 'Fixing Bob’s company name',
    });
    await (
      await portalCaller(viewing.accessToken)
    ).profiles.updateDetails({
      fullName: 'Bob Brown',
      companyName: 'Acme',
    });
    return {
      actorUserId: users.alice,
      actorCoworkerId: alice,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  TEAM_PERMISSIONS_UPDATED: async () => {
    // Only the people themselves change team permissions (never a view): here the owner, from
    // the admin app, makes bob an administrator of Acme and takes it back.
    const acme = (await h.db.team.findFirstOrThrow({ where: { name: 'Acme' } })).id;
    const owner = await h.signIn('owner@hotdesk.test', 'ADMIN');
    const caller = adminRouter.createCaller(trpcTestContext(h, 'admin', owner.actor).ctx);
    await caller.teams.setAdministrator({ teamId: acme, coworkerId: bob, isAdministrator: true });
    await caller.teams.setAdministrator({ teamId: acme, coworkerId: bob, isAdministrator: false });
    return { actorUserId: users.owner, actorCoworkerId: null, targetCoworkerId: bob };
  },
  POLICY_UPDATED: async () => {
    const admin = await h.signIn('admin@downtown.hotdesk.test', 'ADMIN');
    const caller = adminRouter.createCaller(trpcTestContext(h, 'admin', admin.actor).ctx);
    await caller.policies.update({
      locationId: downtownId,
      policy: {
        operatorImpersonationEnabled: true,
        teamAdminImpersonationEnabled: true,
        maxSessionMinutes: 60,
        fullModeAllowed: true,
        reasonRequired: false,
      },
    });
    return { actorUserId: users.downtownAdmin };
  },
  ACCESS_REQUEST_CREATED: async () => {
    await askDanaFullAccessToBob();
    return { actorUserId: users.downtownAdmin, targetCoworkerId: bob };
  },
  ACCESS_REQUEST_APPROVED: async () => {
    const requestId = await askDanaFullAccessToBob();
    await (await adminCallerOf('owner@hotdesk.test')).accessRequests.approve({ requestId });
    return { actorUserId: users.owner, targetCoworkerId: bob };
  },
  ACCESS_REQUEST_DENIED: async () => {
    const requestId = await askDanaFullAccessToBob();
    await (await adminCallerOf('owner@hotdesk.test')).accessRequests.deny({ requestId });
    return { actorUserId: users.owner, targetCoworkerId: bob };
  },
  ACCESS_REQUEST_DECISION_DENIED: async () => {
    const requestId = await askDanaFullAccessToBob();
    const dana = await adminCallerOf('admin@downtown.hotdesk.test');
    expect(await trpcCode(dana.accessRequests.approve({ requestId }))).toBe('FORBIDDEN');
    return { actorUserId: users.downtownAdmin, targetCoworkerId: bob };
  },
  TEAM_ADMIN_IMPERSONATION_PREFERENCE_CHANGED: async () => {
    const session = await h.signIn('bob@example.com');
    await (
      await portalCaller(session.accessToken)
    ).profiles.setTeamAdminImpersonation({ allow: true });
    return { actorUserId: users.bob, targetCoworkerId: bob };
  },
  VIEW_NOTICE_PREFERENCE_CHANGED: async () => {
    const session = await h.signIn('bob@example.com');
    await (await portalCaller(session.accessToken)).notifications.setEmail({ email: true });
    return { actorUserId: users.bob, targetCoworkerId: bob };
  },
  REAUTHENTICATED: async () => {
    const owner = await h.signIn('owner@hotdesk.test', 'ADMIN');
    const caller = adminRouter.createCaller(trpcTestContext(h, 'admin', owner.actor).ctx);
    await caller.session.reauthenticate({ password: 'hotdesk-demo' });
    return { actorUserId: users.owner };
  },
  MEMBER_SECRET_REVEALED: async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob, {
      mode: 'full',
      reason: 'Door will not open',
    });
    await (await portalCaller(viewing.accessToken)).membership.reveal({ secret: 'DOOR_PIN' });
    return {
      actorUserId: users.owner,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  BOOKING_CREATED: async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob, {
      mode: 'full',
      reason: 'Booking a room for Bob',
    });
    await bookPrivateOffice(await portalCaller(viewing.accessToken), '08:00');
    return {
      actorUserId: users.owner,
      actorCoworkerId: null,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
  BOOKING_CANCELLED: async () => {
    const own = await portalCaller((await h.signIn('bob@example.com')).accessToken);
    const { bookingId } = await bookPrivateOffice(own, '10:00');
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob, {
      mode: 'full',
      reason: 'Bob cannot come',
    });
    await (await portalCaller(viewing.accessToken)).bookings.cancel({ bookingId });
    return {
      actorUserId: users.owner,
      actorCoworkerId: null,
      targetCoworkerId: bob,
      impersonationId: viewing.impersonationId,
    };
  },
};

const adminCallerOf = async (email: string) =>
  adminRouter.createCaller(trpcTestContext(h, 'admin', (await h.signIn(email, 'ADMIN')).actor).ctx);

/** Dana asks for full access to Bob where Downtown asks for a second approval (then no longer). */
async function askDanaFullAccessToBob(): Promise<string> {
  const switchTo = (on: boolean) =>
    h.db.locationPolicy.upsert({
      where: { locationId: downtownId },
      create: { locationId: downtownId, fullAccessNeedsSecondApproval: on },
      update: { fullAccessNeedsSecondApproval: on },
    });
  // An earlier flow's approval would make a new request needless.
  await h.db.accessRequest.deleteMany();
  await switchTo(true);
  try {
    const dana = await adminCallerOf('admin@downtown.hotdesk.test');
    const asked = await dana.accessRequests.create({
      coworkerId: bob,
      mode: 'FULL',
      reason: 'Billing fix',
    });
    return asked.id;
  } finally {
    await switchTo(false);
  }
}

/** An hour of Downtown's private office next week, booked for whoever `portal` is. */
async function bookPrivateOffice(portal: Awaited<ReturnType<typeof portalCaller>>, from: string) {
  const { resources, today } = await portal.bookings.resources();
  const office = resources.find((resource) => resource.kind === 'PRIVATE_OFFICE');
  if (!office) throw new Error('Downtown has no private office');
  const to = `${String(Number(from.slice(0, 2)) + 1).padStart(2, '0')}:00`;
  return portal.bookings.create({ resourceId: office.id, day: addDays(today, 7), from, to });
}

describe('every audit event type is written by its flow, naming the real actor', () => {
  it.each(auditEventTypes.map((type) => [type]))('%s', async (type) => {
    const since = await lastEventId();
    const expected = await flows[type]();
    const events = (await eventsSince(since)).filter((event) => event.type === type);
    expect(events.length).toBeGreaterThanOrEqual(1);
    const event = events.at(-1);
    expect(event?.actorUserId).toBe(expected.actorUserId);
    if (expected.actorCoworkerId !== undefined)
      expect(event?.actorCoworkerId).toBe(expected.actorCoworkerId);
    if (expected.targetCoworkerId !== undefined)
      expect(event?.targetCoworkerId).toBe(expected.targetCoworkerId);
    if (expected.impersonationId !== undefined)
      expect(event?.impersonationId).toBe(expected.impersonationId);
    expect(event?.ip).toBe(h.ctx.request.ip);
  });
});

describe('reading writes nothing', () => {
  it('GET profiles and GET teams, as a member and inside a read-only impersonation', async () => {
    const aliceSession = await h.signIn('alice@example.com');
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const since = await lastEventId();
    for (const bearer of [aliceSession.accessToken, viewing.accessToken]) {
      expect((await h.rest('GET', '/api/public/coworkers/profiles', { bearer })).status).toBe(200);
      expect(
        (await h.rest('GET', '/api/public/teams/my', { bearer, query: { isTeamAdmin: 'true' } }))
          .status,
      ).toBe(200);
    }
    expect(await eventsSince(since)).toEqual([]);
  });
});

describe('audit log queries', () => {
  const adminCaller = async (email: string) =>
    adminRouter.createCaller(
      trpcTestContext(h, 'admin', (await h.signIn(email, 'ADMIN')).actor).ctx,
    );

  beforeAll(async () => {
    // At least one event at each location.
    await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    await impersonateViaRest(h, 'admin@riverside.hotdesk.test', erin);
  });

  it('admin@riverside sees Riverside events only, whatever the filter', async () => {
    const riverside = await adminCaller('admin@riverside.hotdesk.test');
    const page = await riverside.audit.list({ pageSize: 100 });
    expect(page.total).toBeGreaterThan(0);
    expect(page.rows.every((row) => row.location?.id === riversideId)).toBe(true);
    expect(page.rows.some((row) => row.type === 'IMPERSONATION_EXCHANGED')).toBe(true);

    expect((await riverside.audit.list({ locationId: downtownId })).total).toBe(0);
    expect((await riverside.audit.list({ targetCoworkerId: bob })).total).toBe(0);
    const csv = (await riverside.audit.exportCsv({})).csv;
    expect(csv).not.toContain('Downtown Hub');
    expect(csv).toContain('Riverside Works');
  });

  it('the owner sees both locations, and the admin of Downtown sees Downtown only', async () => {
    const owner = await adminCaller('owner@hotdesk.test');
    const ownerLocations = new Set(
      (await owner.audit.list({ pageSize: 100 })).rows.map((row) => row.location?.id),
    );
    expect(ownerLocations).toContain(downtownId);
    expect(ownerLocations).toContain(riversideId);

    const downtown = await adminCaller('admin@downtown.hotdesk.test');
    const rows = (await downtown.audit.list({ pageSize: 100 })).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.location?.id === downtownId)).toBe(true);
  });

  it('filters by actor and customer text literally: % matches nobody', async () => {
    const owner = await adminCaller('owner@hotdesk.test');
    expect((await owner.audit.list({ customer: 'bob' })).total).toBeGreaterThan(0);
    expect((await owner.audit.list({ customer: '%' })).total).toBe(0);
    expect((await owner.audit.list({ actor: 'Olivia' })).total).toBeGreaterThan(0);
    expect((await owner.audit.list({ actor: '_' })).total).toBe(0);
  });

  describe('CSV export', () => {
    const awkwardNames = [
      '=HYPERLINK("http://evil.test","Click")',
      '+SUM(1,2)',
      '-2+3',
      '@cmd',
      'Smith, "Jay"',
    ];
    const ids = new Map<string, number>();

    beforeAll(async () => {
      const owner = await h.signIn('owner@hotdesk.test');
      for (const fullName of awkwardNames) {
        const coworker = await h.db.coworker.create({ data: { locationId: downtownId, fullName } });
        ids.set(fullName, coworker.id);
        const grant = await h.rest('GET', '/api/sys/users/impersonate', {
          bearer: owner.accessToken,
          query: { coworkerId: coworker.id },
        });
        expect(grant.status).toBe(200);
      }
    });

    it('starts with a header row and has one parseable row per event', async () => {
      const owner = await adminCaller('owner@hotdesk.test');
      const { csv } = await owner.audit.exportCsv({ type: 'IMPERSONATION_GRANTED' });
      const table = parseCsv(csv);
      expect(table[0]).toEqual([
        'id',
        'occurredAt',
        'type',
        'actorEmail',
        'actorName',
        'customerId',
        'customerName',
        'location',
        'impersonationId',
        'ip',
        'data',
      ]);
      const total = await h.db.auditEvent.count({ where: { type: 'IMPERSONATION_GRANTED' } });
      expect(table).toHaveLength(total + 1);
      for (const row of table.slice(1)) {
        expect(row).toHaveLength(11);
        expect(row[2]).toBe('IMPERSONATION_GRANTED');
      }
    });

    it('quotes commas and quotes, and defuses cells that a spreadsheet would run as formulas', async () => {
      const owner = await adminCaller('owner@hotdesk.test');
      for (const fullName of awkwardNames) {
        const { csv } = await owner.audit.exportCsv({ targetCoworkerId: ids.get(fullName) });
        const [, row] = parseCsv(csv);
        const customerName = row?.[6];
        if (/^[=+\-@]/.test(fullName)) {
          expect(customerName).toBe(`'${fullName}`);
        } else {
          expect(customerName).toBe(fullName);
        }
        expect(JSON.parse(row?.[10] ?? 'null')).toMatchObject({ kind: 'OPERATOR' });
      }
      const { csv } = await owner.audit.exportCsv({ targetCoworkerId: ids.get('Smith, "Jay"') });
      expect(csv).toContain('"Smith, ""Jay"""');
    });
  });
});

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
