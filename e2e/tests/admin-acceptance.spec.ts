import { uniqueText } from '../support/admin';
import { ADMIN_URL, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

// The acceptance, through the interface only: sign in as admin@downtown, find bob,
// view the portal as bob with a reason, revoke it, and find all of it in the audit log.
test('a new operator finds bob, views the portal as bob, revokes it and finds it all in the audit log', async ({
  page,
  context,
  consoleErrors,
}) => {
  const reason = uniqueText('Bob cannot see his invoices');

  await page.goto(ADMIN_URL);
  await page.getByLabel('Email').fill('admin@downtown.hotdesk.test');
  await page.getByLabel('Password').fill('hotdesk-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${ADMIN_URL}/customers`);

  await page.getByLabel('Search customers').fill('bob');
  await page.getByRole('link', { name: 'Bob Brown' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bob Brown' })).toBeVisible();

  await page.getByRole('button', { name: 'Impersonate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Impersonate Bob Brown' });
  await dialog.getByLabel('Reason').fill(reason);
  const portalTab = context.waitForEvent('page');
  await dialog.getByRole('button', { name: 'Open portal' }).click();
  const tab = await portalTab;
  // The portal takes the token from the fragment and opens Bob's portal in that tab.
  await expect(tab).toHaveURL(new RegExp(`^${PORTAL_URL}/`));
  await expect(tab.getByText(/Bob Brown/).first()).toBeVisible();

  await page.getByRole('link', { name: 'Active impersonations' }).click();
  const row = page.getByRole('row', { name: new RegExp(reason) });
  await expect(row).toContainText('Bob Brown');
  await expect(row).toContainText('Active', { timeout: 10_000 });
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toHaveCount(0);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Customer').fill('bob@example.com');
  await page.getByLabel('Actor').fill('admin@downtown.hotdesk.test');
  const table = page.getByRole('table', { name: 'Audit events' });
  const granted = table.getByRole('row', { name: new RegExp(reason) });
  await expect(granted).toContainText('Impersonation started');
  await expect(granted).toContainText('Dana Downtown');
  // Newest first: the exchange and the revocation sit above the grant.
  const events = await table.getByRole('row').allInnerTexts();
  const grantIndex = events.findIndex((text) => text.includes(reason));
  const later = events.slice(1, grantIndex).join('\n');
  expect(later).toContain('Portal opened as customer');
  expect(later).toContain('Impersonation revoked');
  await tab.close();
  expect(consoleErrors).toEqual([]);
});
