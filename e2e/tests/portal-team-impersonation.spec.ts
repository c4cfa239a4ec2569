import { expectNoSeriousViolations } from '../support/accessibility';
import { banner, signInToPortal, stepShots } from '../support/portal';
import { PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

test('a team administrator views a member’s portal and gets her own session back on exit', async ({
  page,
  consoleErrors,
}) => {
  const shot = stepShots('flow-2-team-admin');
  const reason = `Helping Bob with his bookings (${test.info().testId})`;

  await signInToPortal(page, 'alice@example.com');
  await expect(page.getByRole('heading', { level: 1, name: 'Alice Anderson' })).toBeVisible();
  await shot(page, 'alice-dashboard');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your teams' })).toBeVisible();
  await page.getByRole('link', { name: 'Manage permissions of Acme' }).click();
  await expect(page).toHaveURL(/\/team\/permissions\/\d+$/);
  const teamPage = page.url();
  await expect(page.getByRole('heading', { level: 1, name: 'Acme' })).toBeVisible();

  // The contract's rules, visible in the table: no self-demotion, no impersonating oneself.
  const aliceRow = page.getByRole('row', { name: /Alice Anderson/ });
  await expect(
    aliceRow.getByRole('switch', { name: /^Administrator: Alice Anderson/ }),
  ).toBeDisabled();
  await expect(aliceRow.getByRole('button', { name: 'Impersonate account' })).toBeDisabled();
  await expect(aliceRow.getByText('You cannot impersonate your own profile.')).toBeVisible();
  const bobRow = page.getByRole('row', { name: /Bob Brown/ });
  await expect(bobRow.getByRole('switch', { name: 'Make bookings: Bob Brown' })).toBeEnabled();
  await shot(page, 'team-permissions');

  await bobRow.getByRole('button', { name: 'Impersonate account' }).click();
  const dialog = page.getByRole('dialog', { name: 'View the portal as Bob Brown' });
  await expect(dialog.getByRole('radio', { name: 'Read-only' })).toBeChecked();
  // Full access always needs a reason (the server's terms, shown before anything is sent).
  await dialog.getByRole('radio', { name: 'Full access' }).check();
  await expect(dialog.getByText('(required)')).toBeVisible();
  await dialog.getByRole('button', { name: 'Start viewing' }).click();
  await expect(dialog.getByText('Say why you need to view Bob Brown')).toBeVisible();
  await expectNoSeriousViolations(page, 'the impersonate dialog asking for a reason');
  await dialog.getByLabel('Reason').fill(reason);
  await shot(page, 'impersonate-dialog');
  await dialog.getByRole('button', { name: 'Start viewing' }).click();

  // The landing page exchanges the token and opens Bob's dashboard, token gone from the URL.
  await expect(page).toHaveURL(`${PORTAL_URL}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Bob Brown' })).toBeVisible();
  const bar = banner(page);
  await expect(bar).toContainText('Viewing as Bob Brown');
  await expect(bar).toContainText('by Alice Anderson');
  await expect(bar).toContainText('Full access');
  await expect(bar.getByRole('timer')).toHaveText(/^(59|60):\d\d$/);
  await expect(bar.getByRole('button', { name: /close|dismiss/i })).toHaveCount(0);
  // Full access: Bob's details are editable.
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeEnabled();
  await shot(page, 'bob-dashboard-with-banner');

  // The banner follows every page.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Account activity' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account activity' })).toBeVisible();
  await expect(banner(page)).toContainText('Viewing as Bob Brown');
  await expect(
    page.getByRole('row', { name: new RegExp(reason.replace(/[()]/g, '\\$&')) }),
  ).toContainText('Alice Anderson');
  await shot(page, 'bob-activity-with-banner');

  await banner(page).getByRole('button', { name: 'Exit' }).click();

  // Alice is back where she started, as herself, without signing in again.
  await expect(page).toHaveURL(teamPage);
  await expect(page.getByRole('heading', { level: 1, name: 'Acme' })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Account menu for Alice Anderson' })).toBeVisible();
  await expect(
    page.getByRole('row', { name: /Alice Anderson/ }).getByText('You', { exact: true }),
  ).toBeVisible();
  await shot(page, 'alice-back-on-team-page');

  expect(consoleErrors).toEqual([]);
});
