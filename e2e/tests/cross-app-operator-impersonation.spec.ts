import { banner, DEMO_PASSWORD, stepShots } from '../support/portal';
import { ADMIN_URL, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

test('an operator views a member’s portal read-only from the admin app, and it is all audited', async ({
  page,
  context,
  consoleErrors,
}) => {
  test.setTimeout(90_000);
  const shot = stepShots('flow-1-operator');
  const reason = `Member asked about an invoice ${Date.now().toString(36)}`;

  // The admin app: sign in, find bob, open his page.
  await page.goto(`${ADMIN_URL}/sign-in`);
  await page.getByLabel('Email').fill('owner@hotdesk.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${ADMIN_URL}/customers`));
  await shot(page, 'admin-customers');

  await page.getByLabel('Search customers').fill('bob@example.com');
  // The search settles into the address bar first; clicking before would race it.
  await expect(page).toHaveURL(/[?&]q=bob%40example\.com/);
  const bobLink = page.getByRole('link', { name: 'Bob Brown', exact: true });
  await expect(bobLink).toHaveCount(1);
  await bobLink.click();
  await expect(page).toHaveURL(new RegExp(`^${ADMIN_URL}/customers/\\d+$`));
  const customerPage = page.url();
  await expect(page.getByRole('heading', { level: 1, name: 'Bob Brown' })).toBeVisible();
  await shot(page, 'admin-customer-bob');

  // Impersonate with a reason, read-only: the portal opens in a new tab.
  await page.getByRole('button', { name: 'Impersonate' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill(reason);
  await expect(dialog.getByRole('radio', { name: 'Read-only' })).toBeChecked();
  await shot(page, 'admin-impersonate-dialog');
  const [portal] = await Promise.all([
    context.waitForEvent('page'),
    dialog.getByRole('button', { name: 'Open portal' }).click(),
  ]);
  const portalErrors: string[] = [];
  portal.on('console', (message) => {
    if (message.type() === 'error') portalErrors.push(message.text());
  });
  portal.on('pageerror', (error) => portalErrors.push(error.message));

  // The portal tab: bob's dashboard under the banner, and the token gone from the address bar.
  await expect(portal).toHaveURL(`${PORTAL_URL}/`);
  await expect(portal.getByRole('heading', { level: 1, name: 'Bob Brown' })).toBeVisible();
  const bar = banner(portal);
  await expect(bar).toContainText('Viewing as Bob Brown');
  await expect(bar).toContainText('by Olivia Owner');
  await expect(bar).toContainText('Read-only');
  await expect(bar.getByRole('timer')).toHaveText(/^(59|60):\d\d$/);
  await shot(portal, 'portal-bob-with-banner');

  // Read-only: the save button is disabled, and the server refuses the change anyway.
  await expect(portal.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  const refusal = await portal.evaluate(async () => {
    const response = await fetch('/api/trpc/profiles.updateDetails', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ json: { fullName: 'Not Bob', companyName: '' } }),
    });
    const body = (await response.json()) as { error: { json: { message: string } } };
    return { status: response.status, message: body.error.json.message };
  });
  expect(refusal).toEqual({
    status: 403,
    message: 'This is a read-only impersonation: changes are not allowed.',
  });
  await shot(portal, 'portal-read-only-refused');
  expect(portalErrors.filter((error) => !error.includes('403'))).toEqual([]);

  // Exit: the impersonated session ends and the operator is back on bob's customer page.
  await bar.getByRole('button', { name: 'Exit' }).click();
  await expect(portal).toHaveURL(customerPage);
  await expect(portal.getByRole('heading', { level: 1, name: 'Bob Brown' })).toBeVisible();
  await shot(portal, 'admin-back-on-customer');

  // The audit log has the grant (with the reason), the exchange, the refused change, the exit.
  await page.bringToFront();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  await expect(page).toHaveURL(new RegExp(`^${ADMIN_URL}/audit`));
  await page.getByLabel('Actor').fill('owner@hotdesk.test');
  await page.getByLabel('Customer').fill('bob@example.com');
  const events = page.getByRole('row');
  const ofType = (type: string) => events.filter({ has: page.locator(`[title="${type}"]`) });
  await expect(ofType('IMPERSONATION_GRANTED').filter({ hasText: reason })).toHaveCount(1);
  await expect(ofType('IMPERSONATION_EXCHANGED').first()).toContainText('Bob Brown');
  await expect(ofType('IMPERSONATION_MUTATION_DENIED').first()).toContainText('Bob Brown');
  await expect(ofType('IMPERSONATION_EXITED').first()).toContainText('Bob Brown');
  await shot(page, 'admin-audit-log');

  expect(consoleErrors).toEqual([]);
});
