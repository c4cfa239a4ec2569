import { readdirSync } from 'node:fs';
import path from 'node:path';

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

// Every folder of the console's route group, as the app is built: a page added later is checked too.
const consolePages = readdirSync(
  path.resolve(import.meta.dirname, '../../apps/admin/src/app/(console)'),
  { withFileTypes: true },
)
  .filter((entry) => entry.isDirectory())
  .map((entry) => `/${entry.name}`);

test('every console page sends a visitor without a session to sign-in before any script runs', async ({
  request,
}) => {
  expect(consolePages).toEqual(expect.arrayContaining(['/approvals', '/customers', '/sessions']));
  for (const page of [...consolePages, '/customers/1', '/impersonations/x?tab=1']) {
    const response = await request.get(`${ADMIN_URL}${page}`, { maxRedirects: 0 });
    expect(response.status(), page).toBe(307);
    expect(new URL(response.headers().location ?? '', ADMIN_URL).href, page).toBe(
      `${ADMIN_URL}/sign-in?next=${encodeURIComponent(page)}`,
    );
  }
});

test('the admin app reports a reachable database', async ({ request }) => {
  const response = await request.get(`${ADMIN_URL}/api/health`);

  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'up', app: 'admin' });
});
