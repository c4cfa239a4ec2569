import { hashOpaqueToken } from '@hotdesk/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { grantActorSelect, snapshotOfGrant } from '../impersonation/impersonation-snapshot';
import { defaultLocationPolicy } from '../impersonation/rules';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { lookUpSession } from './session-lookup';

/**
 * The one-statement lookup of the hot path loads exactly the facts the ORM loader does (the one
 * the exchange and the admin lists use), so both hold views to the same rules.
 */

let h: ApiTestHarness;
let bob: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('lookUpSession', () => {
  it('reads a member’s own session, with its roles, and nothing for an unknown token', async () => {
    const alice = await h.signIn('alice@example.com');
    const row = await lookUpSession(
      h.db,
      hashOpaqueToken(alice.accessToken),
      h.ctx.now(),
      defaultLocationPolicy,
    );
    expect(row).toMatchObject({
      id: alice.sessionId,
      audience: 'PORTAL',
      userId: alice.actor.userId,
      coworkerId: alice.actor.coworkerId,
      userActive: true,
      userRoles: [],
      view: null,
    });
    expect(row?.expiresAt).toBeInstanceOf(Date);
    const owner = await h.signIn('owner@hotdesk.test');
    const ownerRow = await lookUpSession(
      h.db,
      hashOpaqueToken(owner.accessToken),
      h.ctx.now(),
      defaultLocationPolicy,
    );
    expect(ownerRow?.userRoles).toEqual([{ locationId: null, role: 'OWNER' }]);
    expect(
      await lookUpSession(h.db, hashOpaqueToken('nope'), h.ctx.now(), defaultLocationPolicy),
    ).toBeNull();
  });

  it.each([
    ['an operator’s view', 'owner@hotdesk.test', 'operator'],
    ['a team administrator’s view', 'alice@example.com', 'team-admin'],
  ] as const)('loads %s with the same snapshot as the ORM loader', async (_, email, kind) => {
    const view = await impersonateViaRest(h, email, bob, { kind });
    const now = h.ctx.now();
    const row = await lookUpSession(
      h.db,
      hashOpaqueToken(view.accessToken),
      now,
      defaultLocationPolicy,
    );
    const grant = await h.db.impersonation.findUniqueOrThrow({
      where: { id: view.impersonationId },
      select: { id: true, exchangedAt: true, ...grantActorSelect },
    });
    expect(row?.view?.snapshot).toEqual(snapshotOfGrant(grant, now));
    expect(row?.view).toMatchObject({
      id: view.impersonationId,
      kind: kind === 'operator' ? 'OPERATOR' : 'TEAM_ADMIN',
      mode: 'READ_ONLY',
      targetCoworkerId: bob,
      exchangedAt: grant.exchangedAt,
      endedAt: null,
    });
  });

  it('moves the last-seen time forward at most every half minute, in the same statement', async () => {
    const carol = await h.signIn('carol@example.com');
    const hash = hashOpaqueToken(carol.accessToken);
    const seen = async () =>
      (await h.db.session.findUniqueOrThrow({ where: { id: carol.sessionId } })).lastSeenAt;
    const first = await seen();
    await lookUpSession(h.db, hash, new Date(first.getTime() + 10_000), defaultLocationPolicy);
    expect(await seen()).toEqual(first);
    const later = new Date(first.getTime() + 31_000);
    const row = await lookUpSession(h.db, hash, later, defaultLocationPolicy);
    // The answer still carries the time before this use: the idle clock is judged on it.
    expect(row?.lastSeenAt).toEqual(first);
    expect(await seen()).toEqual(later);
  });
});
