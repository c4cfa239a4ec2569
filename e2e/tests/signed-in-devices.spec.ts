import { expectNoSeriousViolations } from '../support/accessibility';
import { signInToAdmin } from '../support/admin';
import { seedOperator, seedTeamOfTwo } from '../support/database';
import { DEMO_PASSWORD, signInToPortal, stepShots } from '../support/portal';
import { ADMIN_URL, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

test('a member signs out another device, which is told why, then signs out everywhere', async ({
  page,
  browser,
  consoleErrors,
}) => {
  const shot = stepShots('signed-in-devices-portal');
  // A member of her own: signing out everywhere must not touch other tests' demo sessions.
  const { member } = await seedTeamOfTwo();
  const phone = await browser.newContext({
    userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/140.0 Mobile Safari/537.36',
  });
  const phonePage = await phone.newPage();
  await signInToPortal(phonePage, member.email);
  await signInToPortal(page, member.email);

  await page.getByRole('button', { name: `Account menu for ${member.fullName}` }).click();
  await page.getByRole('menuitem', { name: 'Signed-in devices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Signed-in devices' })).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);
  const thisDevice = rows.filter({ hasText: /This device/ });
  await expect(thisDevice).toHaveCount(1);
  const phoneRow = rows.filter({ hasText: 'Chrome on Android' });
  await expect(phoneRow).toContainText('Member portal');
  await shot(page, 'two-devices');

  await phoneRow.getByRole('button', { name: /^Sign out this device: Chrome on Android/ }).click();
  await expect(page.getByText('That device is signed out.')).toBeVisible();
  await expect(rows).toHaveCount(2);

  // The phone finds itself signed out, and the sign-in page says why (before any script too).
  await phonePage.goto(`${PORTAL_URL}/account/activity`);
  await expect(phonePage).toHaveURL(/\/sign-in\?next=/);
  await expect(phonePage.getByText('You were signed out', { exact: true })).toBeVisible();
  await expect(
    phonePage.getByText('You were signed out of this device from another of your sessions.'),
  ).toBeVisible();
  await shot(phonePage, 'phone-told-why');
  await phone.close();

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page.getByRole('button', { name: 'Yes, sign out everywhere' })).toBeVisible();
  await expectNoSeriousViolations(page, 'the sign-out-everywhere question open');
  await page.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
  await expect(page).toHaveURL(`${PORTAL_URL}/sign-in`);
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await page.goto(`${PORTAL_URL}/account/sessions`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount%2Fsessions/);

  expect(consoleErrors).toEqual([]);
});

test('an operator sees the sessions of the console and the API, and signs one out', async ({
  page,
  request,
  browser,
  consoleErrors,
}) => {
  const shot = stepShots('signed-in-devices-admin');
  const operator = await seedOperator();
  const viaApi = await request.post(`${PORTAL_URL}/api/token`, {
    form: { grant_type: 'password', username: operator.email, password: DEMO_PASSWORD },
    headers: { 'User-Agent': 'curl/8.5.0' },
  });
  const { access_token: bearer } = (await viaApi.json()) as { access_token: string };
  const laptop = await browser.newContext();
  const laptopPage = await laptop.newPage();
  await signInToAdmin(laptopPage, operator.email);
  await signInToAdmin(page, operator.email);

  await page.goto(`${ADMIN_URL}/customers`);
  await page.getByRole('link', { name: 'Your sessions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your sessions' })).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: /This device/ })).toHaveCount(1);
  const apiRow = rows.filter({ hasText: 'curl' });
  await expect(apiRow).toContainText('Member portal or API');
  await shot(page, 'three-sessions');

  await apiRow.getByRole('button', { name: /^Sign out this device: curl/ }).click();
  await expect(rows).toHaveCount(3);
  const profiles = await request.get(`${PORTAL_URL}/api/public/coworkers/profiles`, {
    headers: { Authorization: `Bearer ${bearer}` },
  });
  expect(profiles.status()).toBe(401);

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(`${ADMIN_URL}/sign-in`);
  await expect(page.getByText('2 sessions ended, this one too.')).toBeVisible();
  // The console stopped asking before its session ended: no read was refused.
  expect(consoleErrors).toEqual([]);
  await laptopPage.goto(`${ADMIN_URL}/sign-in`);
  await expect(
    laptopPage.getByText('You signed out everywhere, from this or another device.'),
  ).toBeVisible();
  await shot(laptopPage, 'laptop-told-why');
  await laptop.close();
});

test('an operator signs this device out from the list and leaves the console', async ({
  page,
  consoleErrors,
}) => {
  const operator = await seedOperator();
  await signInToAdmin(page, operator.email);
  await page.goto(`${ADMIN_URL}/sessions`);

  await page
    .getByRole('button', { name: /^Sign out this device: .*\(the one you are using\)$/ })
    .click();
  await expect(page).toHaveURL(`${ADMIN_URL}/sign-in`);
  await expect(page.getByText('This device is signed out.')).toBeVisible();
  await page.goto(`${ADMIN_URL}/sessions`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsessions$/);
  expect(consoleErrors).toEqual([]);
});
