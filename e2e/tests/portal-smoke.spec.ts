import { artifactPath, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

test('a member lands on the welcome page and finds the way to sign in', async ({
  page,
  consoleErrors,
}) => {
  await page.goto(PORTAL_URL);

  await expect(page).toHaveTitle('Hotdesk');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Hotdesk' })).toBeVisible();
  const signIn = page.getByRole('main').getByRole('link', { name: 'Sign in' });
  await expect(signIn).toHaveAttribute('href', '/sign-in');

  await page.screenshot({ path: artifactPath('portal-home.png'), fullPage: true });

  await signIn.click();
  await expect(page).toHaveURL(`${PORTAL_URL}/sign-in`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

  expect(consoleErrors).toEqual([]);
});

test('the portal reports a reachable database', async ({ request }) => {
  const response = await request.get(`${PORTAL_URL}/api/health`);

  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'up', app: 'portal' });
});
