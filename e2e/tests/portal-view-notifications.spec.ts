import { expectNoSeriousViolations } from '../support/accessibility';
import { ownerViewsBobOverRest, PortalApi, signInToPortal } from '../support/portal';
import { linksOf, mailsMentioning } from '../support/mail';
import { PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

test('a member is told in the portal and by e-mail when staff start viewing their account', async ({
  page,
  consoleErrors,
}) => {
  const reason = `Checking Bob's desk booking ${Date.now().toString(36)}`;
  const api = await ownerViewsBobOverRest(reason);

  // The apps' background notifier writes the notice and the e-mail a moment after the start.
  await expect.poll(async () => (await mailsMentioning(reason)).length).toBe(1);
  const [mail] = await mailsMentioning(reason);
  expect(mail?.subject).toBe('Olivia Owner (staff) is viewing your account');
  expect(mail?.to.map((to) => to.address)).toEqual(['bob@example.com']);
  expect(mail?.headers['message-id']).toMatch(/^<view-started\.[0-9a-f-]{36}@hotdesk>$/);
  expect(mail?.text).toContain('Access: read-only');

  // Mail scanners open links: a plain GET of each changes nothing (the view goes on). The
  // report link carries its token in the fragment, never in the query string.
  const links = linksOf(mail!);
  expect(links).toHaveLength(2);
  expect(links[0]).toMatch(new RegExp(`^${PORTAL_URL}/from-mail#[\\w.-]+$`));
  expect(links[1]).toBe(`${PORTAL_URL}/account/activity`);
  const scanner = await PortalApi.create();
  for (const link of links) expect((await scanner.context.get(link)).status()).toBeLessThan(400);
  await scanner.dispose();
  expect(await api.query('me')).not.toBeNull();

  await signInToPortal(page, 'bob@example.com');
  const bell = page.getByRole('button', { name: /^Notifications: \d+ unread notifications?$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  const panel = page.getByRole('dialog', { name: 'Notifications' });
  // The notice itself, not its "Why" line (a list of its own).
  const notice = panel
    .getByRole('listitem')
    .filter({ hasText: reason })
    .filter({ hasText: 'Olivia Owner (staff) is viewing your account' });
  await expect(notice).toContainText('From: Downtown Hub');
  await expectNoSeriousViolations(page, 'the notifications panel open');

  await expect(notice).toContainText('Unread:');
  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await expect(notice).not.toContainText('Unread:');
  await api.mutation('impersonation.exit');
  await api.dispose();
  expect(consoleErrors).toEqual([]);
});
