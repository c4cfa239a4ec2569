import { banner, DEMO_PASSWORD } from '../support/portal';
import { ADMIN_PORT, PORTAL_PORT } from '../support/system';
import { expect, test } from '../support/test';

// Cookies belong to the host name typed: an operator at 127.0.0.1 must stay at 127.0.0.1 when
// the admin app opens the portal and when the portal sends them back.
const ADMIN_AT_IP = `http://127.0.0.1:${ADMIN_PORT}`;
const PORTAL_AT_IP = `http://127.0.0.1:${PORTAL_PORT}`;

test('at 127.0.0.1, the hand-off to the portal and back keeps the host typed', async ({
  page,
  context,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  await page.goto(`${ADMIN_AT_IP}/sign-in`);
  await expect(page.getByRole('link', { name: 'Go to the member portal' })).toHaveAttribute(
    'href',
    PORTAL_AT_IP,
  );
  await page.getByLabel('Email').fill('owner@hotdesk.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${ADMIN_AT_IP}/customers`), { timeout: 15_000 });

  await page.getByLabel('Search customers').fill('bob@example.com');
  await expect(page).toHaveURL(/[?&]q=bob%40example\.com/, { timeout: 15_000 });
  await page.getByRole('link', { name: 'Bob Brown', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^${ADMIN_AT_IP}/customers/\\d+$`), { timeout: 15_000 });
  const customerPage = page.url();

  await page.getByRole('button', { name: 'Impersonate' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('Loopback host check');
  const [portal] = await Promise.all([
    context.waitForEvent('page'),
    dialog.getByRole('button', { name: 'Open portal' }).click(),
  ]);
  await expect(portal).toHaveURL(`${PORTAL_AT_IP}/`, { timeout: 15_000 });
  await expect(banner(portal)).toContainText('Viewing as Bob Brown');

  // Back to the admin app where the operator's session cookie is: 127.0.0.1, still signed in.
  await banner(portal).getByRole('button', { name: 'Exit' }).click();
  await expect(portal).toHaveURL(customerPage, { timeout: 15_000 });
  await expect(portal.getByRole('heading', { level: 1, name: 'Bob Brown' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
