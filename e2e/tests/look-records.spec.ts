import { type Page } from '@playwright/test';
import { openCustomer, operators, signInToAdmin, uniqueText } from '../support/admin';
import { banner, signInToPortal } from '../support/portal';
import { artifactPath, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

/** The portal's main navigation, as a person clicks through it. */
const portalNav = (portal: Page) => portal.getByRole('navigation', { name: 'Main', exact: true });

test('an operator’s reads in a view are on the admin timeline, and the member is told what was seen', async ({
  page,
  context,
  browser,
  consoleErrors,
}) => {
  test.setTimeout(90_000);
  const reason = uniqueText('Bob’s booking and invoice');

  // Dana views Bob read-only from his customer page; the portal opens in a new tab.
  await signInToAdmin(page, operators.downtownAdmin.email);
  const bobId = await openCustomer(page, 'bob@example.com');
  await page.getByRole('button', { name: 'Impersonate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Impersonate Bob Brown' });
  await dialog.getByLabel('Reason').fill(reason);
  await expect(dialog.getByRole('radio', { name: 'Read-only' })).toBeChecked();
  const [portal] = await Promise.all([
    context.waitForEvent('page'),
    dialog.getByRole('button', { name: 'Open portal' }).click(),
  ]);

  // What support comes for: his bookings, an invoice, his membership; then exit.
  await expect(portal).toHaveURL(`${PORTAL_URL}/`);
  await expect(banner(portal)).toContainText('Viewing as Bob Brown');
  await portalNav(portal).getByRole('link', { name: 'Bookings' }).click();
  await expect(portal.getByRole('list', { name: 'Upcoming bookings' })).toContainText(
    'Meeting room Kew',
  );
  await portalNav(portal).getByRole('link', { name: 'Invoices' }).click();
  await portal
    .getByRole('table', { name: 'Your invoices, newest first' })
    .getByRole('link', { name: 'INV-0042' })
    .click();
  await expect(portal.getByRole('article', { name: 'Invoice INV-0042' })).toBeVisible();
  await portalNav(portal).getByRole('link', { name: 'Membership' }).click();
  await expect(portal.getByTestId('door-pin')).toHaveText('••••');
  await portalNav(portal).getByRole('link', { name: 'Account activity' }).click();
  await expect(portal.getByRole('heading', { level: 1, name: 'Account activity' })).toBeVisible();
  await expect(portal.getByRole('row', { name: new RegExp(reason) })).toBeVisible();
  await banner(portal).getByRole('button', { name: 'Exit' }).click();
  await expect(portal).toHaveURL(new RegExp(`/customers/${bobId}$`));
  await portal.close();

  // The customer's history links to the view's timeline: start, the reads, the end, in order.
  await page.reload();
  const history = page.getByRole('region', { name: 'Impersonation history' });
  await history
    .getByRole('row', { name: new RegExp(reason) })
    .getByRole('link', { name: /^Timeline of the view by Dana Downtown/ })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Dana Downtown as Bob Brown' }),
  ).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Timeline' });
  const lines = timeline.getByRole('listitem');
  // Reads are written in batches a moment after they are served: the page may come first.
  await expect(async () => {
    await page.reload();
    await expect(lines.filter({ hasText: 'Impersonation exited' })).toHaveCount(1, {
      timeout: 2_000,
    });
    await expect(lines.filter({ hasText: 'Viewed your account activity' })).not.toHaveCount(0, {
      timeout: 2_000,
    });
  }).toPass({ timeout: 20_000 });
  const order = await lines.allInnerTexts();
  const firstIndex = (text: string) => order.findIndex((line) => line.includes(text));
  const steps = [
    'Impersonation started',
    'Portal opened as customer',
    'Viewed your profile',
    'Viewed your bookings',
    'Viewed your invoices',
    'Opened INV-0042',
    'Viewed your membership',
    'Viewed your account activity',
    'Impersonation exited',
  ].map(firstIndex);
  expect(steps.every((index) => index >= 0)).toBe(true);
  expect(steps).toEqual([...steps].sort((a, b) => a - b));
  await expect(lines.filter({ hasText: 'Opened INV-0042' }).first()).toContainText('invoices.get');
  await page.screenshot({ path: artifactPath('admin-impersonation-timeline.png'), fullPage: true });

  // Bob, in his own browser, reads what was looked at.
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signInToPortal(bob, 'bob@example.com', '/account/activity');
  const row = bob.getByRole('row', { name: new RegExp(reason) });
  await expect(row.getByRole('rowheader')).toContainText('Dana Downtown');
  await expect(row).toContainText(
    /Viewed your profile, viewed your bookings, .*viewed your invoices, opened INV-0042, viewed your membership, viewed your account activity\./,
  );
  await bob.screenshot({ path: artifactPath('portal-activity-what-was-seen.png'), fullPage: true });
  await bobContext.close();

  expect(consoleErrors).toEqual([]);
});
