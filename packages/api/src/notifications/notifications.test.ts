import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { portalRouter } from '../portal';
import { settleLookRecording } from '../looks/look-recorder';
import { type Actor } from '../sessions/actor';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { startSmtpCatcher } from '../../test/support/smtp-catcher';
import { trpcCode, trpcTestContext } from '../../test/support/trpc-test-context';
import { readMailLink } from '../mail-links/read-mail-link';
import { retryDelayMs, runMailSenderPass, smtpTransport, type MailTransport } from './mail-sender';
import {
  createNotifier,
  messageIdOf,
  NOTIFIER_LOCK,
  runNotifierPass,
  type NotifierSettings,
} from './notifier';

let h: ApiTestHarness;
let catcher: Awaited<ReturnType<typeof startSmtpCatcher>>;
let transport: MailTransport;
let bob: number;
let carol: number;
let settings: NotifierSettings;

const FROM = 'Hotdesk <no-reply@hotdesk.test>';

beforeAll(async () => {
  h = await startApiTestHarness();
  catcher = await startSmtpCatcher();
  transport = smtpTransport(catcher.url);
  settings = { keys: h.keys, config: { ...h.ctx.config, portalUrl: 'http://portal.test' } };
  bob = await h.coworkerIdOf('bob@example.com');
  carol = await h.coworkerIdOf('carol@example.com');
}, 120_000);

afterAll(async () => {
  transport?.close();
  await catcher?.stop();
  await h?.close();
});

const portalAs = (actor: Actor) =>
  portalRouter.createCaller(trpcTestContext(h, 'portal', actor).ctx);

/** Ends are told once they are settled: a pass a minute on sees every end before it. */
const aMinuteOn = () => new Date(Date.now() + 60_000);

/** The notifier, then the sender, once each, as the background worker runs them. */
async function deliver(now = new Date()) {
  const notified = await runNotifierPass(h.db, settings, now);
  const sent = await runMailSenderPass(h.db, transport, FROM, now);
  return { notified, sent };
}

/**
 * The mail's "I did not expect this" link, the same in its HTML and its text: the portal's
 * page with the token in the fragment, signed for this view and this member, for a week.
 */
async function expectReportLink(
  mail: { html?: string | false; text?: string } | undefined,
  impersonationId: string,
  sentAt = new Date(),
) {
  const link = /http:\/\/portal\.test\/from-mail#[A-Za-z0-9_.-]+/;
  const inText = mail?.text?.match(link)?.[0];
  expect(inText).toBeTruthy();
  expect(String(mail?.html)).toContain(`href="${inText}"`);
  const at = { ...h.ctx, now: () => sentAt };
  const claims = await readMailLink(at, inText!.split('#')[1]!, ['report_view']);
  expect(claims).toMatchObject({ coworkerId: bob, subjectId: impersonationId });
  expect(claims.expiresAt.getTime() - sentAt.getTime()).toBeGreaterThan(6 * 24 * 3600_000);
}

const noticesOf = (impersonationId: string) =>
  h.db.notification.findMany({ where: { impersonationId }, orderBy: { kind: 'asc' } });

describe('a view of a member’s account', () => {
  it('tells the member once in the portal and once by e-mail who, from where, why, how and until when', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob, {
      reason: 'Checking a double-booked desk',
      mode: 'full',
    });
    await deliver();
    await deliver();

    const [notice, ...others] = await noticesOf(view.impersonationId);
    expect(others).toEqual([]);
    expect(notice).toMatchObject({ coworkerId: bob, kind: 'VIEW_STARTED', readAt: null });
    expect(notice?.data).toMatchObject({
      actorName: 'Olivia Owner',
      actorRole: 'Staff',
      locationName: 'Downtown Hub',
      reason: 'Checking a double-booked desk',
      mode: 'FULL',
    });

    const mails = catcher.withMessageId(messageIdOf('VIEW_STARTED', view.impersonationId));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toMatchObject({ text: 'bob@example.com' });
    expect(mails[0]?.subject).toBe('Olivia Owner (staff) is viewing your account');
    expect(mails[0]?.text).toContain('Why: Checking a double-booked desk');
    expect(mails[0]?.text).toContain('Access: full access');
    expect(mails[0]?.html).toContain('http://portal.test/account/activity');
    await expectReportLink(mails[0], view.impersonationId);
  });

  it('sums up at its end what it looked at and what it changed', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob, {
      mode: 'full',
      reason: 'Fixing a typo in the name',
    });
    const portal = portalAs(await h.actorOf(view.accessToken));
    await portal.invoices.list({});
    await portal.profiles.updateDetails({ fullName: 'Bob Example', companyName: 'Acme' });
    await portal.impersonation.exit();
    await settleLookRecording(h.db);

    await deliver();
    expect((await noticesOf(view.impersonationId)).map((n) => n.kind)).toEqual(['VIEW_STARTED']);

    const endSentAt = aMinuteOn();
    await deliver(endSentAt);
    const ended = (await noticesOf(view.impersonationId)).find((n) => n.kind === 'VIEW_ENDED');
    expect(ended?.data).toMatchObject({
      looked: 'viewed your invoices',
      changed: ['changed your profile details'],
      endedReason: 'EXITED',
    });
    const mails = catcher.withMessageId(messageIdOf('VIEW_ENDED', view.impersonationId));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain('Looked at: viewed your invoices');
    expect(mails[0]?.text).toContain('Changed: changed your profile details');
    await expectReportLink(mails[0], view.impersonationId, endSentAt);
  });

  it('sends no e-mail to a member who turned it off, and still tells them in the portal', async () => {
    const carolSelf = await h.signIn('carol@example.com');
    await portalAs(carolSelf.actor).notifications.setEmail({ email: false });
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', carol);
    await deliver();

    expect(await noticesOf(view.impersonationId)).toHaveLength(1);
    const messageId = messageIdOf('VIEW_STARTED', view.impersonationId);
    expect(await h.db.outboxEmail.count({ where: { messageId } })).toBe(0);
    expect(catcher.withMessageId(messageId)).toEqual([]);
    expect((await portalAs(carolSelf.actor).notifications.list()).emailViewNotices).toBe(false);
    await portalAs(carolSelf.actor).notifications.setEmail({ email: true });
  });

  it('delays the e-mail while the mail server is down and loses none: it arrives once, later', async () => {
    await catcher.stop();
    const views = [
      await impersonateViaRest(h, 'owner@hotdesk.test', bob),
      await impersonateViaRest(h, 'owner@hotdesk.test', carol),
    ];
    const messageIds = views.map((view) => messageIdOf('VIEW_STARTED', view.impersonationId));
    const now = new Date();
    const refused = await deliver(now);
    expect(refused.sent).toMatchObject({ sent: 0, failed: 1 });
    const waiting = await h.db.outboxEmail.findMany({ where: { sentAt: null } });
    const failed = waiting.filter((message) => message.lastError !== null);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 1 });
    expect(failed[0]!.nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(1));
    // Claimed with it and never tried: handed back as they were, due at once.
    const untried = waiting.filter((message) => message.lastError === null);
    expect(untried.length).toBeGreaterThan(0);
    for (const message of untried)
      expect(message).toMatchObject({ attempts: 0, nextAttemptAt: now });

    await catcher.start();
    expect((await deliver(now)).sent.sent).toBe(untried.length);
    const retry = new Date(now.getTime() + retryDelayMs(1));
    expect((await deliver(retry)).sent.sent).toBe(1);
    await deliver(new Date(retry.getTime() + retryDelayMs(10)));

    for (const messageId of messageIds) expect(catcher.withMessageId(messageId)).toHaveLength(1);
    expect(await noticesOf(views[0]!.impersonationId)).toHaveLength(1);
  });

  it('shows the member their unread notices, which they mark read; someone viewing as them cannot', async () => {
    const view = await impersonateViaRest(h, 'admin@downtown.hotdesk.test', bob, {
      reason: 'Invoice question',
    });
    await deliver();
    const bobSelf = await h.signIn('bob@example.com');
    const portal = portalAs(bobSelf.actor);

    const before = await portal.notifications.list();
    const item = before.items.find((n) => n.impersonationId === view.impersonationId);
    expect(item).toMatchObject({ kind: 'VIEW_STARTED', read: false });
    expect(item?.lines).toContain('Why: Invoice question');
    expect(before.unread).toBeGreaterThan(0);

    const viewer = portalAs(await h.actorOf(view.accessToken));
    expect(await trpcCode(viewer.notifications.list())).toBe('FORBIDDEN');
    expect(await trpcCode(viewer.notifications.markRead({}))).toBe('FORBIDDEN');

    await portal.notifications.markRead({ ids: [item!.id] });
    const after = await portal.notifications.list();
    expect(after.items.find((n) => n.id === item!.id)?.read).toBe(true);
    expect(after.unread).toBe(before.unread - 1);
    await portal.notifications.markRead({});
    expect((await portal.notifications.list()).unread).toBe(0);
  });

  it('in a running process, reads on from its last event and still tells of an end it read past', async () => {
    const notifier = createNotifier();
    const pass = (now = new Date()) => notifier.runPass(h.db, settings, now);
    const first = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    await pass();
    await portalAs(await h.actorOf(first.accessToken)).impersonation.exit();
    const second = await impersonateViaRest(h, 'owner@hotdesk.test', carol);

    // Read on from the first view's start: the second starts; the first's end is still settling.
    const readOn = await pass();
    expect(readOn).toMatchObject({ notices: 1 });
    expect((await noticesOf(second.impersonationId)).map((n) => n.kind)).toEqual(['VIEW_STARTED']);
    expect((await noticesOf(first.impersonationId)).map((n) => n.kind)).toEqual(['VIEW_STARTED']);

    // Passes read on past the end; the next full one, from the cursor, finds it, once.
    let passes = 0;
    while ((await noticesOf(first.impersonationId)).length < 2 && passes < 20) {
      await pass(aMinuteOn());
      passes += 1;
    }
    expect(passes).toBeGreaterThan(0);
    expect(passes).toBeLessThanOrEqual(10);
    expect((await noticesOf(first.impersonationId)).map((n) => n.kind)).toEqual([
      'VIEW_STARTED',
      'VIEW_ENDED',
    ]);
  });

  it('leaves the work to the instance that holds the notifier, and writes nothing twice', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const whileHeld = await h.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS held FROM pg_advisory_xact_lock(${NOTIFIER_LOCK})`;
      return runNotifierPass(h.db, settings, new Date());
    });
    expect(whileHeld).toBe('busy');
    expect(await noticesOf(view.impersonationId)).toHaveLength(0);

    await deliver();
    await deliver();
    expect(await noticesOf(view.impersonationId)).toHaveLength(1);
    const messageId = messageIdOf('VIEW_STARTED', view.impersonationId);
    expect(await h.db.outboxEmail.count({ where: { messageId } })).toBe(1);
    expect(catcher.withMessageId(messageId)).toHaveLength(1);
  });
});
