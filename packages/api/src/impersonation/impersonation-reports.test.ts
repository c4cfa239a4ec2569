import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../admin';
import { portalRouter } from '../portal';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { portalOverHttp } from '../../test/support/trpc-over-http';
import { trpcCode, trpcTestContext } from '../../test/support/trpc-test-context';
import { exitImpersonation } from './exit-impersonation';
import { reportUnexpectedView } from './report-unexpected-view';
import { reportWordsMaxLength } from './rules';

let h: ApiTestHarness;
let bob: number;
let erin: number;
let bobUserId: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
  erin = await h.coworkerIdOf('erin@example.com', 'riverside');
  bobUserId = (await h.db.user.findUniqueOrThrow({ where: { email: 'bob@example.com' } })).id;
  // The demo data has no OPERATOR: one at Downtown, who may view members but not review reports.
  const downtown = await h.db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } });
  const { passwordHash } = await h.db.user.findUniqueOrThrow({
    where: { email: 'owner@hotdesk.test' },
  });
  await h.db.user.create({
    data: {
      email: 'operator@downtown.reports.test',
      fullName: 'Otto Operator',
      passwordHash,
      operatorRoles: { create: { role: 'OPERATOR', locationId: downtown.id } },
    },
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function portalAs(email: string) {
  const { actor } = await h.signIn(email);
  return { actor, caller: portalRouter.createCaller(trpcTestContext(h, 'portal', actor).ctx) };
}

async function adminAs(email: string) {
  const { actor } = await h.signIn(email, 'ADMIN');
  return adminRouter.createCaller(trpcTestContext(h, 'admin', actor).ctx);
}

/** What the impersonated session gets on its next request, over the REST contract. */
async function nextRequestStatus(accessToken: string): Promise<number> {
  return (await h.rest('GET', '/api/public/coworkers/profiles', { bearer: accessToken })).status;
}

const eventsOf = (impersonationId: string) =>
  h.db.auditEvent.findMany({ where: { impersonationId }, orderBy: { id: 'asc' } });

describe('a member says "I did not expect this"', () => {
  it('about a live view: the view ends at once, the report and its audit events are written', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob, { reason: 'Ticket 77' });
    expect(await nextRequestStatus(view.accessToken)).toBe(200);
    const { caller } = await portalAs('bob@example.com');

    const outcome = await caller.impersonation.report({
      impersonationId: view.impersonationId,
      words: '  I never asked for help.  ',
    });

    expect(outcome).toMatchObject({ alreadyReported: false, viewEnded: true });
    expect(outcome.report.words).toBe('I never asked for help.');
    expect(await nextRequestStatus(view.accessToken)).toBe(401);
    const ended = await h.db.impersonation.findUniqueOrThrow({
      where: { id: view.impersonationId },
    });
    expect(ended.endedReason).toBe('MEMBER_REPORTED');
    const stored = await h.db.impersonationReport.findUniqueOrThrow({
      where: { impersonationId: view.impersonationId },
    });
    expect(stored).toMatchObject({ coworkerId: bob, resolvedAt: null });
    const events = await eventsOf(view.impersonationId);
    const revoked = events.find((event) => event.type === 'IMPERSONATION_REVOKED');
    const reported = events.find((event) => event.type === 'IMPERSONATION_REPORTED');
    expect(revoked?.actorUserId).toBe(bobUserId);
    expect(reported).toMatchObject({ actorUserId: bobUserId, targetCoworkerId: bob });
    expect(reported?.data).toMatchObject({ reportId: stored.id, viewEnded: true });
    // The member's words are for those who review the report, not for the whole audit log.
    expect(JSON.stringify(reported?.data)).not.toContain('never asked');
  });

  it('about a past view: recorded, and the ended view keeps how it ended', async () => {
    const view = await impersonateViaRest(h, 'alice@example.com', bob, { kind: 'team-admin' });
    await exitImpersonation(h.ctx, await h.actorOf(view.accessToken));
    const before = await h.db.impersonation.findUniqueOrThrow({
      where: { id: view.impersonationId },
    });
    const { caller } = await portalAs('bob@example.com');

    const outcome = await caller.impersonation.report({ impersonationId: view.impersonationId });

    expect(outcome).toMatchObject({ alreadyReported: false, viewEnded: false });
    expect(outcome.report.words).toBeNull();
    const after = await h.db.impersonation.findUniqueOrThrow({
      where: { id: view.impersonationId },
    });
    expect(after.endedReason).toBe('EXITED');
    expect(after.endedAt).toEqual(before.endedAt);
    const types = (await eventsOf(view.impersonationId)).map((event) => event.type);
    expect(types.filter((type) => type === 'IMPERSONATION_REVOKED')).toEqual([]);
    expect(types.at(-1)).toBe('IMPERSONATION_REPORTED');
  });

  it('a second click shows the first report and records nothing new, even when both race', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const { caller } = await portalAs('bob@example.com');
    const [one, two] = await Promise.all([
      caller.impersonation.report({ impersonationId: view.impersonationId, words: 'first' }),
      caller.impersonation.report({ impersonationId: view.impersonationId, words: 'second' }),
    ]);
    expect([one.alreadyReported, two.alreadyReported].sort()).toEqual([false, true]);
    expect(one.report.id).toBe(two.report.id);
    const eventCount = (await eventsOf(view.impersonationId)).length;

    const again = await caller.impersonation.report({
      impersonationId: view.impersonationId,
      words: 'third',
    });

    expect(again).toMatchObject({ alreadyReported: true, viewEnded: false });
    expect(again.report.id).toBe(one.report.id);
    expect(
      await h.db.impersonationReport.count({ where: { impersonationId: view.impersonationId } }),
    ).toBe(1);
    expect((await eventsOf(view.impersonationId)).length).toBe(eventCount);
  });

  it("another member's view is not found, and stays live", async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const { actor } = await h.signIn('alice@example.com');
    const answer = await portalOverHttp(h, actor).mutation('impersonation.report', {
      impersonationId: view.impersonationId,
    });
    expect(answer.status).toBe(404);
    const unknown = await portalOverHttp(h, actor).mutation('impersonation.report', {
      impersonationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.error?.message).toBe(answer.error?.message);
    expect(await nextRequestStatus(view.accessToken)).toBe(200);
  });

  it('nobody reports from inside a view, not even of the view itself', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob, {
      mode: 'full',
      reason: 'Billing',
    });
    const insideActor = await h.actorOf(view.accessToken);
    const answer = await portalOverHttp(h, insideActor).mutation('impersonation.report', {
      impersonationId: view.impersonationId,
    });
    expect(answer.status).toBe(403);
    // The service refuses too, for any caller that would reach it some other way.
    await expect(
      reportUnexpectedView(
        h.ctx,
        { via: 'session', actor: insideActor },
        {
          impersonationId: view.impersonationId,
        },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const inside = portalRouter.createCaller(trpcTestContext(h, 'portal', insideActor).ctx);
    const activity = await inside.impersonation.accountActivity();
    expect(activity.find((row) => row.id === view.impersonationId)?.canReport).toBe(false);
    expect(
      await h.db.impersonationReport.count({ where: { impersonationId: view.impersonationId } }),
    ).toBe(0);
    expect(await nextRequestStatus(view.accessToken)).toBe(200);
  });

  it('refuses words with a NUL character or too long, naming the field', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const { actor } = await h.signIn('bob@example.com');
    const portal = portalOverHttp(h, actor);
    for (const words of ['bad\u0000words', 'x'.repeat(reportWordsMaxLength + 1)]) {
      const answer = await portal.mutation('impersonation.report', {
        impersonationId: view.impersonationId,
        words,
      });
      expect(answer.status).toBe(400);
      expect(answer.error?.data.field).toBe('words');
    }
    expect(
      await h.db.impersonationReport.count({ where: { impersonationId: view.impersonationId } }),
    ).toBe(0);
    expect(await nextRequestStatus(view.accessToken)).toBe(200);
  });

  it('Account activity offers the report to the member and then shows it', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob, { reason: 'Activity' });
    const { caller } = await portalAs('bob@example.com');
    const rowOf = async () =>
      (await caller.impersonation.accountActivity()).find((row) => row.id === view.impersonationId);
    expect(await rowOf()).toMatchObject({ canReport: true, report: null });
    await caller.impersonation.report({ impersonationId: view.impersonationId, words: 'Who?' });
    expect((await rowOf())?.report).toMatchObject({ words: 'Who?' });
  });

  it("from an e-mail's verified link: the member is named, anyone else's link is not found", async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    await expect(
      reportUnexpectedView(
        h.ctx,
        { via: 'link', coworkerId: erin },
        {
          impersonationId: view.impersonationId,
        },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const outcome = await reportUnexpectedView(
      h.ctx,
      { via: 'link', coworkerId: bob },
      {
        impersonationId: view.impersonationId,
        words: 'From the e-mail',
      },
    );

    expect(outcome.viewEnded).toBe(true);
    expect(await nextRequestStatus(view.accessToken)).toBe(401);
    const events = await eventsOf(view.impersonationId);
    for (const type of ['IMPERSONATION_REVOKED', 'IMPERSONATION_REPORTED']) {
      expect(events.find((event) => event.type === type)).toMatchObject({
        actorUserId: null,
        actorCoworkerId: bob,
      });
    }
  });
});

describe("the location's ADMINs and OWNERs review reports", () => {
  let reportId: string;
  let impersonationId: string;

  beforeAll(async () => {
    const view = await impersonateViaRest(h, 'admin@downtown.hotdesk.test', bob, {
      reason: 'Checking an invoice',
    });
    impersonationId = view.impersonationId;
    const { caller } = await portalAs('bob@example.com');
    reportId = (await caller.impersonation.report({ impersonationId, words: 'Not me' })).report.id;
  });

  it('a Downtown ADMIN and the OWNER see it, with the view it is about, and count it', async () => {
    for (const email of ['admin@downtown.hotdesk.test', 'owner@hotdesk.test']) {
      const admin = await adminAs(email);
      const reports = await admin.reports.list();
      const report = reports.find((row) => row.id === reportId);
      expect(report).toMatchObject({
        words: 'Not me',
        member: { id: bob, fullName: 'Bob Brown' },
        location: { name: 'Downtown Hub' },
        view: {
          id: impersonationId,
          mode: 'READ_ONLY',
          reason: 'Checking an invoice',
          viewer: { email: 'admin@downtown.hotdesk.test' },
          endedReason: 'MEMBER_REPORTED',
        },
      });
      const summary = await admin.reports.summary();
      expect(summary.mayReview).toBe(true);
      expect(summary.open).toBe(reports.length);
    }
  });

  it("a VIEWER, an OPERATOR and another location's ADMIN see nothing and cannot resolve it", async () => {
    for (const email of [
      'viewer@downtown.hotdesk.test',
      'operator@downtown.reports.test',
      'admin@riverside.hotdesk.test',
    ]) {
      const other = await adminAs(email);
      expect((await other.reports.list({ status: 'all' })).map((row) => row.id)).not.toContain(
        reportId,
      );
      expect(await trpcCode(other.reports.resolve({ reportId }))).toBe('NOT_FOUND');
    }
    expect(await (await adminAs('viewer@downtown.hotdesk.test')).reports.summary()).toEqual({
      mayReview: false,
      open: 0,
    });
    expect(await (await adminAs('admin@riverside.hotdesk.test')).reports.summary()).toEqual({
      mayReview: true,
      open: 0,
    });
    expect(
      (await h.db.impersonationReport.findUniqueOrThrow({ where: { id: reportId } })).resolvedAt,
    ).toBeNull();
  });

  it('marking it resolved is audited, once, and takes it off the open list', async () => {
    const admin = await adminAs('admin@downtown.hotdesk.test');
    const openBefore = (await admin.reports.summary()).open;

    const first = await admin.reports.resolve({ reportId });
    const second = await admin.reports.resolve({ reportId });

    expect(first.resolved).toBe(true);
    expect(second).toEqual({ resolved: false, resolvedAt: first.resolvedAt });
    expect((await admin.reports.summary()).open).toBe(openBefore - 1);
    expect((await admin.reports.list()).map((row) => row.id)).not.toContain(reportId);
    const all = await admin.reports.list({ status: 'all' });
    expect(all.find((row) => row.id === reportId)?.resolvedBy?.fullName).toBe('Dana Downtown');
    const resolved = await h.db.auditEvent.findMany({
      where: { impersonationId, type: 'IMPERSONATION_REPORT_RESOLVED' },
    });
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ targetCoworkerId: bob, data: { reportId } });
  });
});
