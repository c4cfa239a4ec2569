import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../admin';
import { defaultLocationPolicy } from '../impersonation/rules';
import { portalRouter } from '../portal';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { trpcCode, trpcTestContext } from '../../test/support/trpc-test-context';

/*
 * Dual approval against a real database: where Downtown asks for it, Dana's (ADMIN) full view of
 * Bob waits for a second ADMIN or OWNER; Olivia (OWNER) approves; the grant uses the approval up
 * and both names stay on the record.
 */

let h: ApiTestHarness;
let downtown: number;
let bob: number;
let users: Record<'owner' | 'dana', number>;

beforeAll(async () => {
  h = await startApiTestHarness();
  downtown = (await h.db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } })).id;
  bob = await h.coworkerIdOf('bob@example.com');
  const userId = async (email: string) =>
    (await h.db.user.findUniqueOrThrow({ where: { email } })).id;
  users = {
    owner: await userId('owner@hotdesk.test'),
    dana: await userId('admin@downtown.hotdesk.test'),
  };
}, 120_000);

afterAll(async () => {
  await h?.close();
});

afterEach(async () => {
  await h.db.accessRequest.deleteMany();
  await h.db.locationPolicy.deleteMany();
});

async function adminCaller(email: string) {
  const { actor } = await h.signIn(email, 'ADMIN');
  return adminRouter.createCaller(trpcTestContext(h, 'admin', actor).ctx);
}

async function askForSecondApproval(on: boolean) {
  const owner = await adminCaller('owner@hotdesk.test');
  const [downtownPolicy] = (await owner.policies.list()).filter(
    (row) => row.location.id === downtown,
  );
  if (!downtownPolicy) throw new Error('no Downtown policy row');
  await owner.policies.update({
    locationId: downtown,
    policy: { ...downtownPolicy.policy, fullAccessNeedsSecondApproval: on },
  });
}

const fullForBob = { mode: 'FULL' as const, reason: 'Billing fix' };

async function reasonOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { details?: { reason?: string } } }).cause;
    return cause?.details?.reason;
  }
}

describe('with the switch off (the default)', () => {
  it('grants full access at once, and there is nothing to request', async () => {
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    expect(await dana.impersonation.viewability({ coworkerId: bob })).toMatchObject({
      modes: { FULL: { secondApproval: 'not_needed' } },
    });
    expect(await trpcCode(dana.impersonation.start({ ...fullForBob, coworkerId: bob }))).toBe('OK');
    expect(await reasonOf(dana.accessRequests.create({ ...fullForBob, coworkerId: bob }))).toBe(
      'second_approval_not_needed',
    );
  });
});

describe('the switch itself', () => {
  it('is audited, and a client that leaves it out keeps it as it is', async () => {
    await askForSecondApproval(true);
    const changed = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'POLICY_UPDATED', locationId: downtown },
      orderBy: { id: 'desc' },
    });
    expect(changed.data).toMatchObject({
      before: { fullAccessNeedsSecondApproval: false },
      after: { fullAccessNeedsSecondApproval: true },
    });
    const owner = await adminCaller('owner@hotdesk.test');
    const { fullAccessNeedsSecondApproval: _, ...older } = defaultLocationPolicy;
    await owner.policies.update({
      locationId: downtown,
      policy: { ...older, reasonRequired: true },
    });
    const [saved] = (await owner.policies.list()).filter((row) => row.location.id === downtown);
    expect(saved?.policy).toMatchObject({
      fullAccessNeedsSecondApproval: true,
      reasonRequired: true,
    });
  });
});

describe('with the switch on', () => {
  it('a full view waits for a second operator, then opens once, naming both', async () => {
    await askForSecondApproval(true);
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const owner = await adminCaller('owner@hotdesk.test');
    const ask = { ...fullForBob, coworkerId: bob };

    expect(await reasonOf(dana.impersonation.start(ask))).toBe('second_approval_required');
    expect(await trpcCode(dana.impersonation.start({ coworkerId: bob }))).toBe('OK');
    expect(await dana.impersonation.viewability({ coworkerId: bob })).toMatchObject({
      modes: { FULL: { secondApproval: 'needed' }, READ_ONLY: { secondApproval: 'not_needed' } },
    });

    const request = await dana.accessRequests.create(ask);
    expect(request).toMatchObject({ status: 'PENDING', canDecide: false });
    // Asking again while it waits is the same request.
    expect((await dana.accessRequests.create(ask)).id).toBe(request.id);
    expect(await reasonOf(dana.impersonation.start(ask))).toBe('second_approval_required');

    expect(await trpcCode(dana.accessRequests.approve({ requestId: request.id }))).toBe(
      'FORBIDDEN',
    );
    expect(await reasonOf(dana.accessRequests.approve({ requestId: request.id }))).toBe(
      'own_request',
    );
    const riverside = await adminCaller('admin@riverside.hotdesk.test');
    expect(await trpcCode(riverside.accessRequests.approve({ requestId: request.id }))).toBe(
      'NOT_FOUND',
    );
    expect(await riverside.accessRequests.pending()).toEqual([]);

    const waiting = await owner.accessRequests.pending();
    expect(waiting).toMatchObject([{ id: request.id, canDecide: true }]);
    expect(await dana.accessRequests.pending()).toMatchObject([
      { id: request.id, canDecide: false },
    ]);
    const approved = await owner.accessRequests.approve({ requestId: request.id });
    expect(approved).toMatchObject({ status: 'APPROVED', approvedBy: 'Olivia Owner' });
    expect(await owner.accessRequests.pending()).toEqual([]);
    expect(await dana.accessRequests.mine({ coworkerId: bob })).toMatchObject({
      status: 'APPROVED',
      approvedBy: 'Olivia Owner',
    });
    expect(await dana.impersonation.viewability({ coworkerId: bob })).toMatchObject({
      modes: { FULL: { secondApproval: 'approved', approvedBy: 'Olivia Owner' } },
    });

    const grant = await dana.impersonation.start(ask);
    const view = await h.db.impersonation.findUniqueOrThrow({
      where: { id: grant.impersonationId },
    });
    expect(view.mode).toBe('FULL');
    const used = await h.db.accessRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(used).toMatchObject({ status: 'USED', usedByImpersonationId: grant.impersonationId });
    // One approval, one view.
    expect(await reasonOf(dana.impersonation.start(ask))).toBe('second_approval_required');

    const granted = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'IMPERSONATION_GRANTED', impersonationId: grant.impersonationId },
    });
    expect(granted.actorUserId).toBe(users.dana);
    expect(granted.data).toMatchObject({
      mode: 'FULL',
      accessRequestId: request.id,
      approvedBy: { userId: users.owner, name: 'Olivia Owner' },
    });
    const approvedEvent = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'ACCESS_REQUEST_APPROVED', targetCoworkerId: bob },
    });
    expect(approvedEvent.actorUserId).toBe(users.owner);
    expect(approvedEvent.data).toMatchObject({
      accessRequestId: request.id,
      requestedBy: { userId: users.dana, name: 'Dana Downtown' },
    });

    // Bob sees both names in his account activity once the view has opened.
    const exchanged = await h.rest('POST', '/api/sys/users/exchange', {
      query: { token: grant.token, validForInMinutes: 60 },
    });
    expect(exchanged.status).toBe(200);
    const bobSession = await h.signIn('bob@example.com');
    const bobPortal = portalRouter.createCaller(
      trpcTestContext(h, 'portal', await h.actorOf(bobSession.accessToken)).ctx,
    );
    const activity = await bobPortal.impersonation.accountActivity();
    expect(activity.find((view) => view.id === grant.impersonationId)).toMatchObject({
      actor: { fullName: 'Dana Downtown' },
      approvedBy: 'Olivia Owner',
    });
  });

  it('does not count an expired or a denied approval, and a decided request stays decided', async () => {
    await askForSecondApproval(true);
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const owner = await adminCaller('owner@hotdesk.test');
    const ask = { ...fullForBob, coworkerId: bob };

    const first = await dana.accessRequests.create(ask);
    await owner.accessRequests.approve({ requestId: first.id });
    await h.db.accessRequest.update({
      where: { id: first.id },
      data: { expiresAt: new Date(h.ctx.now().getTime() - 1000) },
    });
    expect(await reasonOf(dana.impersonation.start(ask))).toBe('second_approval_required');
    expect(await dana.accessRequests.mine({ coworkerId: bob })).toMatchObject({
      status: 'EXPIRED',
    });

    const second = await dana.accessRequests.create(ask);
    expect(second.id).not.toBe(first.id);
    expect(await owner.accessRequests.deny({ requestId: second.id })).toMatchObject({
      status: 'DENIED',
    });
    expect(await reasonOf(dana.impersonation.start(ask))).toBe('second_approval_required');
    expect(await reasonOf(owner.accessRequests.approve({ requestId: second.id }))).toBe(
      'request_closed',
    );
    const denied = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'ACCESS_REQUEST_DENIED', targetCoworkerId: bob },
    });
    expect(denied.actorUserId).toBe(users.owner);
  });

  it("lists the requester's own requests of the last day, each as it stands now", async () => {
    await askForSecondApproval(true);
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const owner = await adminCaller('owner@hotdesk.test');
    const carol = await h.coworkerIdOf('carol@example.com');
    expect(await dana.accessRequests.recent()).toEqual([]);

    const forBob = await dana.accessRequests.create({ ...fullForBob, coworkerId: bob });
    const forCarol = await dana.accessRequests.create({ ...fullForBob, coworkerId: carol });
    expect(await dana.accessRequests.recent()).toMatchObject([
      { id: forCarol.id, status: 'PENDING', requester: { id: users.dana } },
      { id: forBob.id, status: 'PENDING' },
    ]);

    await owner.accessRequests.deny({ requestId: forBob.id });
    await h.db.accessRequest.update({
      where: { id: forCarol.id },
      data: { expiresAt: new Date(h.ctx.now().getTime() - 1000) },
    });
    expect(await dana.accessRequests.recent()).toMatchObject([
      { id: forCarol.id, status: 'EXPIRED' },
      { id: forBob.id, status: 'DENIED' },
    ]);
    // Another operator's requests are not theirs, even one who may decide them.
    expect(await owner.accessRequests.recent()).toEqual([]);

    await h.db.accessRequest.update({
      where: { id: forBob.id },
      data: { createdAt: new Date(h.ctx.now().getTime() - 25 * 3_600_000) },
    });
    expect((await dana.accessRequests.recent()).map((request) => request.id)).toEqual([
      forCarol.id,
    ]);
  });

  it('puts a decision refused to someone who sees the request on the record, and changes nothing else', async () => {
    await askForSecondApproval(true);
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const owner = await adminCaller('owner@hotdesk.test');
    const riverside = await adminCaller('admin@riverside.hotdesk.test');
    const request = await dana.accessRequests.create({ ...fullForBob, coworkerId: bob });

    expect(await reasonOf(dana.accessRequests.approve({ requestId: request.id }))).toBe(
      'own_request',
    );
    expect(await reasonOf(dana.accessRequests.deny({ requestId: request.id }))).toBe('own_request');
    expect(await dana.accessRequests.mine({ coworkerId: bob })).toMatchObject({
      status: 'PENDING',
    });
    // Out of sight, or already decided: answered as before, and not recorded.
    expect(await trpcCode(riverside.accessRequests.approve({ requestId: request.id }))).toBe(
      'NOT_FOUND',
    );
    await owner.accessRequests.deny({ requestId: request.id });
    expect(await reasonOf(owner.accessRequests.approve({ requestId: request.id }))).toBe(
      'request_closed',
    );

    const refused = await h.db.auditEvent.findMany({
      where: {
        type: 'ACCESS_REQUEST_DECISION_DENIED',
        data: { path: ['accessRequestId'], equals: request.id },
      },
      orderBy: { id: 'asc' },
    });
    expect(refused).toMatchObject([
      {
        actorUserId: users.dana,
        targetCoworkerId: bob,
        locationId: downtown,
        data: { decision: 'APPROVED', code: 'own_request', mode: 'FULL' },
      },
      { actorUserId: users.dana, data: { decision: 'DENIED', code: 'own_request' } },
    ]);
  });

  it('leaves team administrators’ full views to the full-access switch alone', async () => {
    await askForSecondApproval(true);
    const viewing = await impersonateViaRest(h, 'alice@example.com', bob, {
      kind: 'team-admin',
      mode: 'full',
      reason: 'Expense report',
    });
    expect(viewing.accessToken).toBeTruthy();
  });

  it('holds the REST grant to the same approval', async () => {
    await askForSecondApproval(true);
    const owner = await h.signIn('owner@hotdesk.test');
    const refused = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: owner.accessToken,
      query: { coworkerId: bob, mode: 'full', reason: 'Ticket 7' },
    });
    expect(refused.status).toBe(403);
    expect(String(refused.json?.message)).toMatch(/second ADMIN or OWNER/);
  });
});
