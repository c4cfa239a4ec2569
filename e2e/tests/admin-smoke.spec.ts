import { ADMIN_URL, artifactPath, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

test('a signed-out visitor to the console is sent to sign-in', async ({ page, consoleErrors }) => {
  await page.goto(ADMIN_URL);

  await expect(page).toHaveURL(`${ADMIN_URL}/sign-in?next=%2Fcustomers`);
  await expect(page).toHaveTitle('Sign in · Hotdesk Admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Email')).toBeFocused();
  // The portal link follows the running deployment, not the build-time default.
  await expect(page.getByRole('link', { name: 'Go to the member portal' })).toHaveAttribute(
    'href',
    PORTAL_URL,
  );

  await page.screenshot({ path: artifactPath('admin-sign-in.png'), fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test('the admin app reports a reachable database', async ({ request }) => {
  const response = await request.get(`${ADMIN_URL}/api/health`);

  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'up', app: 'admin' });
});
