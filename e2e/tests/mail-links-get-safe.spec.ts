import { withSystemDatabase } from '../support/database';
import { caughtMails, linksOf, mailsMentioning, type CaughtMail } from '../support/mail';
import { ownerViewsBobOverRest, PortalApi } from '../support/portal';
import { expect, test } from '../support/test';

/** Everything a link in an e-mail could change, were opening it enough to act. */
function actionableState() {
  return withSystemDatabase(async (db) => ({
    reports: await db.impersonationReport.count(),
    spentLinks: await db.spentMailLink.count(),
    auditEvents: await db.auditEvent.count(),
    liveViews: await db.impersonation.count({
      where: { exchangedAt: { not: null }, endedAt: null },
    }),
    accessRequests: await db.accessRequest.groupBy({
      by: ['status'],
      _count: { _all: true },
      orderBy: { status: 'asc' },
    }),
  }));
}

const withMessageId = (mails: CaughtMail[], messageId: string) =>
  mails.filter((mail) => mail.headers['message-id'] === messageId);

// Alone: it compares counts of the whole system before and after, which another test running
// beside it would change (playwright.config.ts runs `@alone` tests after all the others).
test(
  'opening every link of every e-mail (as a mail scanner does: GET, no JavaScript) changes nothing',
  { tag: '@alone' },
  async () => {
    test.setTimeout(120_000);
    // A view of Bob's account that starts and ends: one e-mail for each.
    const reason = `Mail scanner check ${Date.now().toString(36)}`;
    const operator = await ownerViewsBobOverRest(reason);
    await expect.poll(async () => (await mailsMentioning(reason)).length).toBe(1);
    const [started] = await mailsMentioning(reason);
    const impersonationId = /^<view-started\.([0-9a-f-]{36})@hotdesk>$/.exec(
      started!.headers['message-id'] ?? '',
    )?.[1];
    expect(impersonationId).toBeTruthy();
    await operator.mutation('impersonation.exit');
    await operator.dispose();
    // An end is told once it has settled (a quarter of a minute), by the next notifier pass.
    await expect
      .poll(
        async () => withMessageId(await caughtMails(), `<view-ended.${impersonationId}@hotdesk>`),
        { timeout: 60_000 },
      )
      .toHaveLength(1);

    const links = [...new Set((await caughtMails()).flatMap(linksOf))];
    const reportLinks = links.filter((link) => new URL(link).pathname === '/from-mail');
    expect(links.length).toBeGreaterThanOrEqual(2);
    expect(reportLinks.length).toBeGreaterThanOrEqual(2);
    // The token is in the fragment: no link carries anything in its query string.
    for (const link of links) expect(new URL(link).search).toBe('');

    const before = await actionableState();
    const scanner = await PortalApi.create();
    const followed: string[] = [];
    for (const link of links) {
      const answer = await scanner.context.get(link);
      expect(answer.status(), link).toBeLessThan(400);
      // Without JavaScript the page says what it needs, and acts on nothing.
      if (new URL(link).pathname === '/from-mail') {
        const html = await answer.text();
        expect(html).toContain('Loading…');
        expect(html).toContain('This page needs JavaScript to read the link from your e-mail.');
      }
      followed.push(link);
    }
    await scanner.dispose();

    expect(followed.length).toBeGreaterThanOrEqual(2);
    expect(followed.some((link) => new URL(link).pathname === '/from-mail')).toBe(true);
    expect(await actionableState()).toEqual(before);
  },
);
