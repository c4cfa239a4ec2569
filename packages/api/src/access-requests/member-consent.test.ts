import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../admin';
import { expireLapsedRequests } from './expire-lapsed-requests';
import { type LocationPolicy } from '../impersonation/rules';
import { readMailLink } from '../mail-links/read-mail-link';
import { consentMessageIdOf } from '../notifications/consent-notice';
import { runNotifierPass } from '../notifications/notifier';
import { portalRouter } from '../portal';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { trpcCode, trpcTestContext } from '../../test/support/trpc-test-context';

/*
 * "Ask the member first" against a real database: where Downtown asks for it, Dana's (ADMIN)
 * and Alice's (team administrator) views of Bob wait for Bob's own yes, given in the portal as
 * himself; his yes opens one view within HOTDESK_CONSENT_MINUTES, his no refuses it, and only
 * an operator, where Downtown allows it, may start an urgent view without asking.
 */

let h: ApiTestHarness;
let downtown: number;
let bob: number;
let acme: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  downtown = (await h.db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } })).id;
  bob = await h.coworkerIdOf('bob@example.com');
  acme = (await h.db.teamMember.findFirstOrThrow({ where: { coworkerId: bob } })).teamId;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

afterEach(async () => {
  await h.db.notification.deleteMany({ where: { accessRequestId: { not: null } } });
  await h.db.outboxEmail.deleteMany();
  await h.db.accessRequest.deleteMany();
  await h.db.locationPolicy.deleteMany();
});

async function adminCaller(email: string) {
  const { actor } = await h.signIn(email, 'ADMIN');
  return adminRouter.createCaller(trpcTestContext(h, 'admin', actor).ctx);
}

async function portalCaller(email: string) {
  const { accessToken } = await h.signIn(email);
  return portalRouter.createCaller(trpcTestContext(h, 'portal', await h.actorOf(accessToken)).ctx);
}

async function setPolicy(change: Partial<LocationPolicy>) {
  const owner = await adminCaller('owner@hotdesk.test');
  const [row] = (await owner.policies.list()).filter((each) => each.location.id === downtown);
  if (!row) throw new Error('no Downtown policy row');
  await owner.policies.update({ locationId: downtown, policy: { ...row.policy, ...change } });
}

async function refusalOf(call: Promise<unknown>): Promise<{ reason?: string; message?: string }> {
  try {
    await call;
    return {};
  } catch (error) {
    const typed = error as { message?: string; cause?: { details?: { reason?: string } } };
    return { reason: typed.cause?.details?.reason, message: typed.message };
  }
}

/** Bob's id is known once the harness has started. */
const ask = () => ({ coworkerId: bob, mode: 'READ_ONLY' as const, reason: 'Invoice question' });

describe('the switches', () => {
  it('are off by default, audited when changed, and kept when a client leaves them out', async () => {
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    expect(await dana.impersonation.viewability({ coworkerId: bob })).toMatchObject({
      modes: { READ_ONLY: { memberConsent: 'not_needed', urgentAllowed: false } },
    });
    await setPolicy({ askMemberFirst: true, urgentViewAllowed: true });
    const changed = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'POLICY_UPDATED', locationId: downtown },
      orderBy: { id: 'desc' },
    });
    expect(changed.data).toMatchObject({
      before: { askMemberFirst: false, urgentViewAllowed: false },
      after: { askMemberFirst: true, urgentViewAllowed: true },
    });
    const owner = await adminCaller('owner@hotdesk.test');
    const [row] = (await owner.policies.list()).filter((each) => each.location.id === downtown);
    const { askMemberFirst: _a, urgentViewAllowed: _u, ...older } = row!.policy;
    await owner.policies.update({ locationId: downtown, policy: older });
    const [saved] = (await owner.policies.list()).filter((each) => each.location.id === downtown);
    expect(saved?.policy).toMatchObject({ askMemberFirst: true, urgentViewAllowed: true });
  });
});

describe('asking Bob first', () => {
  it('refuses the view until Bob agrees, then opens exactly one', async () => {
    await setPolicy({ askMemberFirst: true });
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const refused = await refusalOf(dana.impersonation.start(ask()));
    expect(refused).toEqual({
      reason: 'member_consent_required',
      message: 'Bob Brown has to agree first: ask them.',
    });

    const request = await dana.accessRequests.create(ask());
    expect(request).toMatchObject({
      status: 'PENDING',
      needsMemberConsent: true,
      needsSecondApproval: false,
      memberAnswer: 'waiting',
    });
    // It waits HOTDESK_CONSENT_MINUTES.
    expect(request.expiresAt.getTime() - request.createdAt.getTime()).toBe(
      h.ctx.config.consentMinutes * 60_000,
    );
    expect((await dana.accessRequests.create(ask())).id).toBe(request.id);
    expect(await dana.impersonation.viewability({ coworkerId: bob })).toMatchObject({
      modes: { READ_ONLY: { memberConsent: 'waiting', consentUntil: request.expiresAt } },
    });
    // Not a second operator's to decide.
    const owner = await adminCaller('owner@hotdesk.test');
    expect(await owner.accessRequests.pending()).toEqual([]);
    expect(await trpcCode(owner.accessRequests.approve({ requestId: request.id }))).toBe(
      'NOT_FOUND',
    );

    // Bob is told in the portal and by e-mail, naming who, where, why, the mode and until when.
    const bobPortal = await portalCaller('bob@example.com');
    const notices = await bobPortal.notifications.list();
    const notice = notices.items.find((item) => item.kind === 'CONSENT_REQUESTED');
    expect(notice).toMatchObject({
      consent: { requestId: request.id, answer: 'waiting' },
      title: 'Dana Downtown (staff) asks to view your account',
    });
    expect(notice?.lines).toEqual(
      expect.arrayContaining(['From: Downtown Hub', 'Why: Invoice question']),
    );
    const mail = await h.db.outboxEmail.findUniqueOrThrow({
      where: { messageId: consentMessageIdOf(request.id) },
    });
    expect(mail).toMatchObject({ to: 'bob@example.com' });
    expect(mail.text).toContain('Access: read-only');
    expect(mail.text).toContain(`Answer by: ${request.expiresAt.toISOString()}`);

    const answered = await bobPortal.accessRequests.approve({ requestId: request.id });
    expect(answered).toMatchObject({ status: 'APPROVED', memberAnswer: 'approved' });
    expect(await refusalOf(bobPortal.accessRequests.approve({ requestId: request.id }))).toEqual(
      expect.objectContaining({ reason: 'request_closed' }),
    );
    const approvedEvent = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'ACCESS_REQUEST_APPROVED', targetCoworkerId: bob },
    });
    expect(approvedEvent.data).toMatchObject({ accessRequestId: request.id, decidedAs: 'member' });
    expect(approvedEvent.actorUserId).toBe(
      (await h.db.user.findUniqueOrThrow({ where: { email: 'bob@example.com' } })).id,
    );

    const grant = await dana.impersonation.start(ask());
    expect(await h.db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject(
      { status: 'USED', usedByImpersonationId: grant.impersonationId },
    );
    // One yes, one view.
    expect((await refusalOf(dana.impersonation.start(ask()))).reason).toBe(
      'member_consent_required',
    );
  });

  it('holds the REST grant to the same rule: refused until Bob agrees in the portal', async () => {
    await setPolicy({ askMemberFirst: true });
    const dana = await h.signIn('admin@downtown.hotdesk.test');
    const refused = await h.rest('GET', '/api/sys/users/impersonate', {
      bearer: dana.accessToken,
      query: { coworkerId: bob },
    });
    expect(refused.status).toBe(403);
    expect(refused.json?.message).toBe('Bob Brown has to agree first: ask them.');
  });

  it('lets Bob’s yes lapse after the configured minutes', async () => {
    await setPolicy({ askMemberFirst: true });
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const bobPortal = await portalCaller('bob@example.com');
    const request = await dana.accessRequests.create(ask());
    await bobPortal.accessRequests.approve({ requestId: request.id });
    h.advanceClock(h.ctx.config.consentMinutes * 60_000 + 1000);
    try {
      expect((await refusalOf(dana.impersonation.start(ask()))).reason).toBe(
        'member_consent_required',
      );
      expect(await dana.accessRequests.mine({ coworkerId: bob, mode: 'READ_ONLY' })).toMatchObject({
        status: 'EXPIRED',
      });
    } finally {
      h.advanceClock(-(h.ctx.config.consentMinutes * 60_000 + 1000));
    }
  });

  it('lets an unanswered request lapse: nobody can answer it late', async () => {
    await setPolicy({ askMemberFirst: true });
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const bobPortal = await portalCaller('bob@example.com');
    const request = await dana.accessRequests.create(ask());
    h.advanceClock(h.ctx.config.consentMinutes * 60_000 + 1000);
    try {
      expect(
        (await refusalOf(bobPortal.accessRequests.approve({ requestId: request.id }))).reason,
      ).toBe('request_closed');
      expect(await dana.accessRequests.mine({ coworkerId: bob, mode: 'READ_ONLY' })).toMatchObject({
        status: 'EXPIRED',
        memberAnswer: 'waiting',
      });
    } finally {
      h.advanceClock(-(h.ctx.config.consentMinutes * 60_000 + 1000));
    }
  });

  it('refuses the view with a clear message once Bob says no', async () => {
    await setPolicy({ askMemberFirst: true });
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const bobPortal = await portalCaller('bob@example.com');
    const request = await dana.accessRequests.create(ask());
    expect(await bobPortal.accessRequests.deny({ requestId: request.id })).toMatchObject({
      status: 'DENIED',
      memberAnswer: 'denied',
    });
    expect(await refusalOf(dana.impersonation.start(ask()))).toEqual({
      reason: 'member_declined',
      message: 'Bob Brown declined this view. Ask again only if they expect it.',
    });
    expect(await dana.accessRequests.mine({ coworkerId: bob, mode: 'READ_ONLY' })).toMatchObject({
      status: 'DENIED',
      memberAnswer: 'denied',
    });
    // A refused answer changes nothing.
    expect(
      (await refusalOf(bobPortal.accessRequests.approve({ requestId: request.id }))).reason,
    ).toBe('request_closed');
    expect((await refusalOf(dana.impersonation.start(ask()))).reason).toBe('member_declined');
    const denied = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'ACCESS_REQUEST_DENIED', targetCoworkerId: bob },
    });
    expect(denied.data).toMatchObject({ decidedAs: 'member' });
  });

  it('lets nobody but Bob, signed in as himself, answer', async () => {
    await setPolicy({ askMemberFirst: true });
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const request = await dana.accessRequests.create(ask());
    const carol = await portalCaller('carol@example.com');
    const alice = await portalCaller('alice@example.com');
    for (const other of [carol, alice]) {
      expect(await trpcCode(other.accessRequests.approve({ requestId: request.id }))).toBe(
        'NOT_FOUND',
      );
      expect(await trpcCode(other.accessRequests.deny({ requestId: request.id }))).toBe(
        'NOT_FOUND',
      );
    }
    // Someone viewing as Bob (an urgent full view where allowed) cannot say yes for him.
    await setPolicy({ askMemberFirst: true, urgentViewAllowed: true });
    const owner = await h.signIn('owner@hotdesk.test');
    const ownerActor = await h.actorOf(owner.accessToken);
    const ownerAdmin = adminRouter.createCaller(trpcTestContext(h, 'admin', ownerActor).ctx);
    const grant = await ownerAdmin.impersonation.start({
      coworkerId: bob,
      mode: 'FULL',
      reason: 'Urgent: locked out',
      urgent: true,
    });
    const exchanged = await h.rest('POST', '/api/sys/users/exchange', {
      query: { token: grant.token, validForInMinutes: 60 },
    });
    expect(exchanged.status).toBe(200);
    const asBob = portalRouter.createCaller(
      trpcTestContext(h, 'portal', await h.actorOf(String(exchanged.json?.token))).ctx,
    );
    expect(await trpcCode(asBob.accessRequests.approve({ requestId: request.id }))).toBe(
      'NOT_FOUND',
    );
    expect((await h.db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      'PENDING',
    );
  });

  it('asks for team administrators’ views too, and never lets them start one urgently', async () => {
    await setPolicy({ askMemberFirst: true, urgentViewAllowed: true });
    const alice = await portalCaller('alice@example.com');
    expect(await alice.impersonation.viewability({ coworkerId: bob })).toMatchObject({
      modes: { READ_ONLY: { memberConsent: 'needed', urgentAllowed: false } },
    });
    expect((await refusalOf(alice.impersonation.startForTeamMember(ask()))).reason).toBe(
      'member_consent_required',
    );
    expect(
      (await refusalOf(alice.impersonation.startForTeamMember({ ...ask(), urgent: true }))).reason,
    ).toBe('urgent_not_allowed');
    const request = await alice.accessRequests.create(ask());
    expect(request).toMatchObject({ kind: 'TEAM_ADMIN', needsMemberConsent: true });
    const bobPortal = await portalCaller('bob@example.com');
    const notice = (await bobPortal.notifications.list()).items.find(
      (item) => item.consent?.requestId === request.id,
    );
    expect(notice?.title).toBe('Alice Anderson (team administrator) asks to view your account');
    await bobPortal.accessRequests.approve({ requestId: request.id });
    expect(await trpcCode(alice.impersonation.startForTeamMember(ask()))).toBe('OK');
  });

  it('tells the team administrator who asked how Bob answered, among their notices', async () => {
    await setPolicy({ askMemberFirst: true });
    const alice = await portalCaller('alice@example.com');
    const bobPortal = await portalCaller('bob@example.com');
    const newestOfAlice = async () => (await alice.notifications.list()).items[0];

    const first = await alice.accessRequests.create(ask());
    await bobPortal.accessRequests.approve({ requestId: first.id });
    expect(await newestOfAlice()).toMatchObject({
      kind: 'CONSENT_ANSWERED',
      title: 'Bob Brown agreed to your request to view their account',
      read: false,
      consent: null,
      view: null,
    });
    const agreed = (await newestOfAlice())!.lines;
    expect(agreed.slice(0, 2)).toEqual([
      'At: Downtown Hub',
      'Access: read-only (they look, nothing changes)',
    ]);
    const approved = await h.db.accessRequest.findUniqueOrThrow({ where: { id: first.id } });
    expect(agreed[2]).toBe(
      `Open the view from Team permissions by ${approved.expiresAt.toISOString()}: their yes works once.`,
    );
    expect(await trpcCode(alice.impersonation.startForTeamMember(ask()))).toBe('OK');

    const second = await alice.accessRequests.create(ask());
    await bobPortal.accessRequests.deny({ requestId: second.id });
    expect(await newestOfAlice()).toMatchObject({
      kind: 'CONSENT_ANSWERED',
      title: 'Bob Brown declined your request to view their account',
      lines: expect.arrayContaining(['Nothing starts. Ask again only if they expect it.']),
    });

    // An operator's request is answered to them in the admin app, not among members' notices.
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const operators = await dana.accessRequests.create(ask());
    await bobPortal.accessRequests.approve({ requestId: operators.id });
    expect(await h.db.notification.count({ where: { kind: 'CONSENT_ANSWERED' } })).toBe(2);
  });

  it('closes the requests whose time ran out and tells the team administrator Bob never answered', async () => {
    await setPolicy({ askMemberFirst: true });
    const alice = await portalCaller('alice@example.com');
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const owner = await adminCaller('owner@hotdesk.test');
    const bobPortal = await portalCaller('bob@example.com');
    const unanswered = await alice.accessRequests.create(ask());
    const operators = await owner.accessRequests.create(ask());
    const approved = await dana.accessRequests.create(ask());
    await bobPortal.accessRequests.approve({ requestId: approved.id });
    const statuses = async () =>
      Object.fromEntries(
        (await h.db.accessRequest.findMany({ select: { id: true, status: true } })).map((row) => [
          row.id,
          row.status,
        ]),
      );

    expect(await expireLapsedRequests(h.db, h.ctx.now())).toBe(0);
    const lapse = h.ctx.config.consentMinutes * 60_000 + 1000;
    h.advanceClock(lapse);
    try {
      expect(await expireLapsedRequests(h.db, h.ctx.now())).toBe(2);
      expect(await statuses()).toEqual({
        [unanswered.id]: 'EXPIRED',
        [operators.id]: 'EXPIRED',
        // An approval that lapsed unused reads as expired; it is no one's to be told of.
        [approved.id]: 'APPROVED',
      });
      expect((await alice.notifications.list()).items[0]).toMatchObject({
        kind: 'CONSENT_ANSWERED',
        title: 'Bob Brown did not answer your request to view their account in time',
        lines: [
          'At: Downtown Hub',
          'Access: read-only (they look, nothing changes)',
          'Nothing starts: no answer means no. Ask again if you still need to, or ask them directly.',
        ],
        read: false,
      });
      const asked = (await bobPortal.notifications.list()).items.filter(
        (notice) => notice.kind === 'CONSENT_REQUESTED',
      );
      expect(asked.map((notice) => notice.consent?.answer).sort()).toEqual([
        'approved',
        'closed',
        'closed',
      ]);

      // A second pass (or another instance) finds nothing left to close or to tell.
      expect(await expireLapsedRequests(h.db, h.ctx.now())).toBe(0);
      expect(await h.db.notification.count({ where: { kind: 'CONSENT_ANSWERED' } })).toBe(1);
    } finally {
      h.advanceClock(-lapse);
    }
  });

  it('needs both yeses for an operator’s full view where both switches are on', async () => {
    await setPolicy({ askMemberFirst: true, fullAccessNeedsSecondApproval: true });
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const owner = await adminCaller('owner@hotdesk.test');
    const bobPortal = await portalCaller('bob@example.com');
    const full = { coworkerId: bob, mode: 'FULL' as const, reason: 'Billing fix' };
    const request = await dana.accessRequests.create(full);
    expect(request).toMatchObject({ needsMemberConsent: true, needsSecondApproval: true });
    await bobPortal.accessRequests.approve({ requestId: request.id });
    expect(await dana.accessRequests.mine({ coworkerId: bob })).toMatchObject({
      status: 'PENDING',
      memberAnswer: 'approved',
    });
    expect((await refusalOf(dana.impersonation.start(full))).reason).toBe(
      'member_consent_required',
    );
    await owner.accessRequests.approve({ requestId: request.id });
    expect(await dana.accessRequests.mine({ coworkerId: bob })).toMatchObject({
      status: 'APPROVED',
      approvedBy: 'Olivia Owner',
    });
    // The password proof is the last thing a full view asks for.
    const reauth = await refusalOf(dana.impersonation.start(full));
    expect(['reauthentication_required', undefined]).toContain(reauth.reason);
  });
});

describe('a member who cannot be asked', () => {
  async function memberWithoutLogin() {
    const coworker = await h.db.coworker.create({
      data: { locationId: downtown, fullName: 'Nora Nologin', email: 'nora@example.com' },
    });
    await h.db.teamMember.create({ data: { teamId: acme, coworkerId: coworker.id } });
    return coworker.id;
  }

  it('is said so; only an operator’s urgent view, where allowed, remains, and they are told after', async () => {
    const nora = await memberWithoutLogin();
    const noraAsk = { coworkerId: nora, mode: 'READ_ONLY' as const, reason: 'Door problem' };
    await setPolicy({ askMemberFirst: true });
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    expect(await dana.impersonation.viewability({ coworkerId: nora })).toMatchObject({
      modes: { READ_ONLY: { memberConsent: 'cannot_be_asked', urgentAllowed: false } },
    });
    expect(await refusalOf(dana.impersonation.start(noraAsk))).toEqual({
      reason: 'member_cannot_be_asked',
      message: 'Nora Nologin cannot be asked: they have no portal login or no e-mail address.',
    });
    expect((await refusalOf(dana.accessRequests.create(noraAsk))).reason).toBe(
      'member_cannot_be_asked',
    );
    expect((await refusalOf(dana.impersonation.start({ ...noraAsk, urgent: true }))).reason).toBe(
      'urgent_not_allowed',
    );

    await setPolicy({ askMemberFirst: true, urgentViewAllowed: true });
    expect(await dana.impersonation.viewability({ coworkerId: nora })).toMatchObject({
      modes: { READ_ONLY: { memberConsent: 'cannot_be_asked', urgentAllowed: true } },
    });
    const alice = await portalCaller('alice@example.com');
    expect(
      (await refusalOf(alice.impersonation.startForTeamMember({ ...noraAsk, urgent: true })))
        .reason,
    ).toBe('urgent_not_allowed');

    const grant = await dana.impersonation.start({ ...noraAsk, urgent: true });
    const view = await h.db.impersonation.findUniqueOrThrow({
      where: { id: grant.impersonationId },
    });
    expect(view.urgent).toBe(true);
    const granted = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'IMPERSONATION_GRANTED', impersonationId: grant.impersonationId },
    });
    expect(granted.data).toMatchObject({ urgent: true });

    // After the fact: the notice of the view says it was urgent and nobody asked first.
    const exchanged = await h.rest('POST', '/api/sys/users/exchange', {
      query: { token: grant.token, validForInMinutes: 60 },
    });
    expect(exchanged.status).toBe(200);
    await runNotifierPass(
      h.db,
      { keys: h.keys, config: { ...h.ctx.config, portalUrl: 'http://portal.test' } },
      h.ctx.now(),
    );
    const notice = await h.db.notification.findFirstOrThrow({
      where: { impersonationId: grant.impersonationId, kind: 'VIEW_STARTED' },
    });
    expect(notice.data).toMatchObject({ urgent: true });
    const mail = await h.db.outboxEmail.findFirstOrThrow({
      where: { messageId: { contains: grant.impersonationId } },
    });
    expect(mail.text).toContain('Marked urgent: it started without asking you first.');
  });
});

describe('answering from the e-mail’s link', () => {
  /** The request's e-mail link: the portal's page, the token in the fragment. */
  async function linkOf(requestId: string) {
    const mail = await h.db.outboxEmail.findUniqueOrThrow({
      where: { messageId: consentMessageIdOf(requestId) },
    });
    const inText = mail.text.match(/http:\/\/localhost:\d+\/from-mail#[A-Za-z0-9_.-]+/)?.[0];
    expect(inText, mail.text).toBeTruthy();
    expect(mail.html).toContain(`href="${inText}"`);
    return inText!.split('#')[1]!;
  }
  const anonymous = () => portalRouter.createCaller(trpcTestContext(h, 'portal', null).ctx);

  it('is signed for this request and this member, until the request is due', async () => {
    await setPolicy({ askMemberFirst: true });
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const request = await dana.accessRequests.create(ask());
    const claims = await readMailLink(h.ctx, await linkOf(request.id), ['decide_access_request']);
    expect(claims).toMatchObject({ coworkerId: bob, subjectId: request.id });
    expect(Math.abs(claims.expiresAt.getTime() - request.expiresAt.getTime())).toBeLessThan(2000);
  });

  it('is sent even when Bob hears of views in the portal only: it asks, it does not tell', async () => {
    await setPolicy({ askMemberFirst: true });
    const bobPortal = await portalCaller('bob@example.com');
    await bobPortal.notifications.setEmail({ email: false });
    try {
      const dana = await adminCaller('admin@downtown.hotdesk.test');
      const request = await dana.accessRequests.create(ask());
      expect(await linkOf(request.id)).toBeTruthy();
    } finally {
      await bobPortal.notifications.setEmail({ email: true });
    }
  });

  it('denies from the link alone, once; a yes needs Bob signed in as himself', async () => {
    await setPolicy({ askMemberFirst: true });
    const dana = await adminCaller('admin@downtown.hotdesk.test');
    const first = await dana.accessRequests.create(ask());
    const token = await linkOf(first.id);

    expect(await anonymous().mailLinks.describe({ token })).toMatchObject({
      purpose: 'decide_access_request',
      memberName: 'Bob Brown',
      requesterName: 'Dana Downtown',
      answer: 'waiting',
      signedInAsMember: false,
    });
    const carol = await portalCaller('carol@example.com');
    for (const stranger of [anonymous(), carol]) {
      expect(
        (await refusalOf(stranger.mailLinks.decideAccessRequest({ token, decision: 'APPROVED' })))
          .reason,
      ).toBe('sign_in_to_approve');
    }
    // Both refused yeses are on the record, as the member the link names.
    const refused = await h.db.auditEvent.findMany({
      where: {
        type: 'ACCESS_REQUEST_DECISION_DENIED',
        data: { path: ['accessRequestId'], equals: first.id },
      },
    });
    expect(refused).toHaveLength(2);
    for (const event of refused) {
      expect(event).toMatchObject({ actorUserId: null, actorCoworkerId: bob });
      expect(event.data).toMatchObject({
        decision: 'APPROVED',
        via: 'link',
        code: 'sign_in_to_approve',
      });
    }
    // The refused yes changed nothing and spent nothing: the link still says no.
    expect(await anonymous().mailLinks.decideAccessRequest({ token, decision: 'DENIED' })).toEqual({
      answer: 'denied',
      waitingForSecondApproval: false,
    });
    expect((await refusalOf(dana.impersonation.start(ask()))).reason).toBe('member_declined');
    expect(
      (await refusalOf(anonymous().mailLinks.decideAccessRequest({ token, decision: 'DENIED' })))
        .reason,
    ).toBe('mail_link_used');
    const denied = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'ACCESS_REQUEST_DENIED', targetCoworkerId: bob },
      orderBy: { id: 'desc' },
    });
    expect(denied).toMatchObject({ actorUserId: null, actorCoworkerId: bob });
    expect(denied.data).toMatchObject({ decidedAs: 'member', via: 'link' });

    const second = await dana.accessRequests.create(ask());
    const secondToken = await linkOf(second.id);
    const bobPortal = await portalCaller('bob@example.com');
    expect(await bobPortal.mailLinks.describe({ token: secondToken })).toMatchObject({
      signedInAsMember: true,
    });
    expect(
      await bobPortal.mailLinks.decideAccessRequest({ token: secondToken, decision: 'APPROVED' }),
    ).toMatchObject({ answer: 'approved' });
    expect(await trpcCode(dana.impersonation.start(ask()))).toBe('OK');
    // Bob's first link speaks of its own request only.
    expect(
      (await refusalOf(bobPortal.mailLinks.decideAccessRequest({ token, decision: 'APPROVED' })))
        .reason,
    ).toBe('mail_link_used');
  });
});
