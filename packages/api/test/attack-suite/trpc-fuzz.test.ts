import { addDays, localDayOf } from '@hotdesk/db';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../../src/admin';
import { portalRouter } from '../../src/portal';
import { type Actor } from '../../src/sessions/actor';
import { startApiTestHarness, type ApiTestHarness } from '../support/api-test-harness';
import { trpcTestContext } from '../support/trpc-test-context';
import { recordAttack, Tally } from './attack-log';
import { demoIds, memberPermissions, procedureAt, type DemoIds } from './attack-fixtures';
import { textWithNul } from './hostile-input';

/**
 * Property-based fuzzing of every tRPC procedure of both routers (enumerated, so a new one
 * fails here until it has a sample input): each text field of a valid input carrying U+0000,
 * and every id replaced by any id in range, sent by a caller who may use the procedure (an
 * OWNER of every location in the admin app, a team administrator in the portal). Whatever
 * arrives, the answer is a refusal of the caller's making, never INTERNAL_SERVER_ERROR; text
 * with U+0000 is BAD_REQUEST (a one-time token, which is verified and never stored, is
 * UNAUTHORIZED like any other that does not verify).
 */

let h: ApiTestHarness;
let ids: DemoIds;
const callers: Record<'admin' | 'portal', Actor | null> = { admin: null, portal: null };

beforeAll(async () => {
  h = await startApiTestHarness();
  ids = await demoIds(h);
  callers.admin = (await h.signIn('owner@hotdesk.test', 'ADMIN')).actor;
  callers.portal = (await h.signIn('alice@example.com')).actor;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const routers = { admin: adminRouter, portal: portalRouter };
type App = keyof typeof routers;

const policy = {
  operatorImpersonationEnabled: true,
  teamAdminImpersonationEnabled: true,
  maxSessionMinutes: 60,
  fullModeAllowed: true,
  reasonRequired: false,
};

/**
 * A valid input of every procedure that takes one. Ids are the demo data's; the texts are
 * where U+0000 goes. Sign-in uses an account that does not exist, so its failures lock no one.
 */
function sampleInputs(): Record<string, unknown> {
  const nextWeek = addDays(localDayOf(new Date(), 'Europe/London'), 7);
  return {
    'session.signIn': { email: 'fuzz@example.com', password: 'not-a-password', totp: '123456' },
    'session.reauthenticate': { password: 'not-the-password', totp: '123456' },
    'session.signOutDevice': { sessionId: '00000000-0000-4000-8000-000000000000' },
    'coworkers.search': {
      query: 'ali',
      locationId: ids.downtown,
      teamId: ids.acme,
      status: 'active',
      sort: 'name',
      direction: 'asc',
      pageSize: 5,
    },
    'coworkers.detail': { coworkerId: ids.bob },
    'coworkers.signInLock': { coworkerId: ids.bob },
    'coworkers.unlockSignIn': { coworkerId: ids.bob },
    'coworkers.teams': { locationId: ids.downtown },
    'impersonation.start': { coworkerId: ids.bob, mode: 'read-only', reason: 'Ticket 42' },
    'impersonation.active': { locationId: ids.downtown },
    'impersonation.ofCustomer': { coworkerId: ids.bob },
    'impersonation.timeline': { impersonationId: '00000000-0000-4000-8000-000000000000' },
    'impersonation.revoke': { impersonationId: '00000000-0000-4000-8000-000000000000' },
    'impersonation.report': {
      impersonationId: '00000000-0000-4000-8000-000000000000',
      words: 'I did not expect this',
    },
    'reports.list': { status: 'all' },
    'reports.resolve': { reportId: '00000000-0000-4000-8000-000000000000' },
    'impersonation.startForTeamMember': { coworkerId: ids.bob, mode: 'read-only', reason: 'Hi' },
    'impersonation.exchange': { token: 'a.b.c', validForMinutes: 5 },
    'impersonation.preview': { token: 'a.b.c' },
    'mailLinks.describe': { token: 'a.b.c' },
    'mailLinks.reportView': { token: 'a.b.c', words: 'I did not expect this' },
    'mailLinks.decideAccessRequest': { token: 'a.b.c', decision: 'DENIED' },
    'impersonation.viewability': { coworkerId: ids.bob },
    'accessRequests.create': { coworkerId: ids.bob, mode: 'full', reason: 'Ticket 42' },
    'accessRequests.mine': { coworkerId: ids.bob },
    'accessRequests.approve': { requestId: '00000000-0000-4000-8000-000000000000' },
    'accessRequests.deny': { requestId: '00000000-0000-4000-8000-000000000000' },
    'audit.list': {
      type: 'SIGN_IN',
      actor: 'owner',
      actorUserId: 1,
      customer: 'bob',
      targetCoworkerId: ids.bob,
      locationId: ids.downtown,
      page: 1,
      pageSize: 5,
    },
    'audit.exportCsv': { actor: 'owner', customer: 'bob', locationId: ids.downtown },
    'audit.impersonationsPerDay': { days: 7 },
    'policies.update': { locationId: ids.downtown, policy },
    'profiles.switch': { coworkerId: ids.alice },
    'profiles.updateDetails': { fullName: 'Alice Adams', companyName: 'Acme' },
    'profiles.setTeamAdminImpersonation': { allow: true },
    'notifications.setEmail': { email: false },
    'notifications.markRead': { ids: ['00000000-0000-4000-8000-000000000000'] },
    'teams.mine': { isTeamAdmin: true, page: 1, pageSize: 5 },
    'teams.setAdministrator': { teamId: ids.acme, coworkerId: ids.bob, isAdministrator: false },
    'teams.administered': { teamId: ids.acme },
    'bookings.availability': { resourceId: 1, day: nextWeek },
    'bookings.list': { when: 'upcoming', cursor: 'not-a-cursor', limit: 5 },
    'bookings.get': { bookingId: 1 },
    'bookings.create': { resourceId: 1, day: nextWeek, from: '10:00', to: '11:00' },
    'bookings.cancel': { bookingId: 1 },
    'teams.updatePermissions': {
      teamId: ids.acme,
      memberId: ids.bob,
      permissions: { ...memberPermissions, accessCardId: 'CARD-7' },
    },
    'invoices.list': { cursor: 'eyJkIjoiMjAyNi0wMS0wMSIsImkiOjF9', limit: 5 },
    'invoices.get': { invoiceId: 1 },
    'membership.reveal': { secret: 'DOOR_PIN' },
    'customerAccount.summary': { coworkerId: ids.bob },
  };
}

type Leaf = { path: string[]; value: unknown };

function leavesOf(value: unknown, path: string[] = []): Leaf[] {
  if (value === null || typeof value !== 'object') return [{ path, value }];
  return Object.entries(value).flatMap(([key, item]) => leavesOf(item, [...path, key]));
}

function withLeaf(value: unknown, path: string[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string, ...string[]];
  const copy = { ...(value as Record<string, unknown>) };
  copy[head] = withLeaf(copy[head], rest, leaf);
  return copy;
}

const isId = (leaf: Leaf) =>
  typeof leaf.value === 'number' && /(?:^id|Id)$/.test(leaf.path.at(-1) ?? '');

/** Procedures that take an input, by app, with the input's text and id fields. */
function fuzzTargets() {
  const samples = sampleInputs();
  return (Object.keys(routers) as App[]).flatMap((app) =>
    Object.entries(
      routers[app]._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>,
    )
      .filter(([, procedure]) => procedure._def.inputs.length > 0)
      .map(([path]) => {
        const sample = samples[path];
        const leaves = leavesOf(sample);
        return {
          app,
          path,
          sample,
          texts: leaves.filter((leaf) => typeof leaf.value === 'string'),
          ids: leaves.filter(isId),
        };
      }),
  );
}

async function call(app: App, path: string, input: unknown): Promise<string> {
  const caller = routers[app].createCaller(trpcTestContext(h, app, callers[app]).ctx);
  try {
    await procedureAt(caller, path)(input);
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe('tRPC fuzzing: every procedure with input (fast-check)', () => {
  it('has a sample input for every procedure that takes one', () => {
    const missing = fuzzTargets().filter((target) => target.sample === undefined);
    expect(missing.map((target) => `${target.app}: ${target.path}`)).toEqual([]);
  });

  it('U+0000 in any text field of any procedure: BAD_REQUEST, never a 500', async () => {
    const tally = new Tally();
    try {
      for (const target of fuzzTargets()) {
        for (const text of target.texts) {
          await fc.assert(
            fc.asyncProperty(textWithNul, async (hostile) => {
              const code = await call(
                target.app,
                target.path,
                withLeaf(target.sample, text.path, hostile),
              );
              tally.add(code);
              // The one-time token is verified, never stored: a bad one is UNAUTHORIZED. An
              // e-mail's link is not a credential of a session: a bad one is BAD_REQUEST too.
              const oneTimeToken =
                text.path.join('.') === 'token' && !target.path.startsWith('mailLinks.');
              const expected = oneTimeToken ? 'UNAUTHORIZED' : 'BAD_REQUEST';
              expect(code, `${target.app} ${target.path} ${text.path.join('.')}`).toBe(expected);
            }),
            { numRuns: 3 },
          );
        }
      }
    } finally {
      recordAttack('U+0000 in each text field of every tRPC procedure (both apps)', tally);
    }
  });

  it('any id in range in any procedure: found or not found, never a 500', async () => {
    const tally = new Tally();
    const anyId = fc.oneof(
      fc.integer({ min: 1, max: 2_147_483_647 }),
      fc.integer({ min: 1, max: 200 }),
    );
    try {
      for (const target of fuzzTargets().filter((candidate) => candidate.ids.length > 0)) {
        await fc.assert(
          fc.asyncProperty(
            fc.array(anyId, { minLength: target.ids.length, maxLength: target.ids.length }),
            async (values) => {
              let input = target.sample;
              target.ids.forEach((leaf, i) => (input = withLeaf(input, leaf.path, values[i])));
              const code = await call(target.app, target.path, input);
              tally.add(code);
              expect(code, `${target.app} ${target.path} ${JSON.stringify(input)}`).not.toBe(
                'INTERNAL_SERVER_ERROR',
              );
            },
          ),
          { numRuns: 8 },
        );
      }
    } finally {
      recordAttack('any id in range in every tRPC procedure (rows that do not exist)', tally);
    }
  });
});
