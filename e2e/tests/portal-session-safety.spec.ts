import { expectNoSeriousViolations } from '../support/accessibility';
import { banner, signInToPortal, stepShots } from '../support/portal';
import { PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

test('a page left open as one identity cannot act as another after a switch in another tab', async ({
  page,
  context,
}) => {
  const shot = stepShots('session-safety');
  await signInToPortal(page, 'alice@example.com');
  await expect(page.getByRole('heading', { level: 1, name: 'Alice Anderson' })).toBeVisible();

  // A second tab of the same browser starts viewing the portal as Bob (cookies are shared).
  const other = await context.newPage();
  await other.goto(`${PORTAL_URL}/team`);
  await other.getByRole('link', { name: 'Manage permissions of Acme' }).click();
  await other
    .getByRole('row', { name: /Bob Brown/ })
    .getByRole('button', { name: 'Impersonate account' })
    .click();
  await other.getByLabel('Reason').fill('Session safety check');
  await other.getByRole('radio', { name: 'Full access' }).check();
  await other.getByRole('button', { name: 'Start viewing' }).click();
  await expect(banner(other)).toContainText('Viewing as Bob Brown');

  // Alice's first tab still shows her own details: saving them must not write onto Bob.
  await page.bringToFront();
  await page.getByLabel('Full name').fill('Alice Anderson');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const changed = page.getByRole('alertdialog', { name: 'Your session changed in another tab' });
  await expect(changed).toBeVisible();
  await expect(changed).toContainText('viewing the portal as Bob Brown');
  await shot(page, 'stale-tab-blocked');
  await expectNoSeriousViolations(page, 'the session-changed dialog open');

  await changed.getByRole('button', { name: 'Reload' }).click();
  await expect(banner(page)).toContainText('Viewing as Bob Brown');
  await expect(page.getByLabel('Full name')).toHaveValue('Bob Brown');

  // Exit from either tab ends the view; the other tab then asks to go back.
  await banner(page).getByRole('button', { name: 'Exit' }).click();
  await expect(page).toHaveURL(`${PORTAL_URL}/team`);
  await other.bringToFront();
  await other.reload();
  await expect(banner(other)).toHaveCount(0);
  await expect(other.getByRole('heading', { level: 1, name: 'Alice Anderson' })).toBeVisible();
});
