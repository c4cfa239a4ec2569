import { letPasswordProofLapse, seedTeamOfTwo } from '../support/database';
import { banner, DEMO_PASSWORD, PortalApi, signInToPortal } from '../support/portal';
import { PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

test('a team administrator confirms their password, by keyboard, before full access', async ({
  page,
  consoleErrors,
}) => {
  // A team of its own: the demo team serves other tests running alongside.
  const { name: teamName, administrator, member } = await seedTeamOfTwo();
  const reason = `Fixing a booking ${Date.now().toString(36)}`;
  await signInToPortal(page, administrator.email, '/team');
  // Signed in "an hour ago": the sign-in no longer counts as a fresh password.
  await letPasswordProofLapse(page, 'portal');
  await page.getByRole('link', { name: `Manage permissions of ${teamName}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: teamName })).toBeVisible();
  const teamPage = page.url();
  await page
    .getByRole('row', { name: new RegExp(member.fullName) })
    .getByRole('button', { name: 'Impersonate account' })
    .click();
  const dialog = page.getByRole('dialog', { name: `View the portal as ${member.fullName}` });
  const readOnly = dialog.getByRole('radio', { name: 'Read-only' });
  const full = dialog.getByRole('radio', { name: 'Full access' });
  await expect(readOnly).toBeChecked();
  // Looking needs no password; acting does, and the dialog says so before anything is sent.
  await expect(dialog.getByText('Confirm it is you')).toHaveCount(0);
  await readOnly.focus();
  await page.keyboard.press('ArrowRight');
  await expect(full).toBeChecked();
  await expect(dialog.getByText('Confirm it is you')).toBeVisible();

  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Reason')).toBeFocused();
  await page.keyboard.type(reason);
  await page.keyboard.press('Tab');
  const password = dialog.getByLabel('Your password');
  await expect(password).toBeFocused();
  // Submitted before its script runs, the form would post the password, never put it in a URL.
  await expect(password.locator('xpath=ancestor::form')).toHaveAttribute('method', 'post');
  await page.keyboard.press('Enter');
  await expect(password).toHaveAccessibleDescription('Enter your password.');
  await expect(password).toBeFocused();

  await page.keyboard.type('not-the-password');
  await page.keyboard.press('Enter');
  await expect(password).toHaveAccessibleDescription('The password is incorrect.');
  await expect(password).toHaveValue('');
  await expect(password).toBeFocused();
  await expect(page).toHaveURL(teamPage);

  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${PORTAL_URL}/`);
  await expect(banner(page)).toContainText(`Viewing as ${member.fullName}`);
  await expect(banner(page)).toContainText('Full access');
  await banner(page).getByRole('button', { name: 'Exit' }).click();
  await expect(page).toHaveURL(teamPage);

  // Only the view that was granted is on the member's record: the refused tries issued nothing.
  const memberApi = await PortalApi.signedIn(member.email);
  try {
    const activity = await memberApi.query<Array<{ reason: string | null; mode: string }>>(
      'impersonation.accountActivity',
    );
    expect(activity).toEqual([expect.objectContaining({ reason, mode: 'FULL' })]);
  } finally {
    await memberApi.dispose();
  }
  expect(consoleErrors.filter((line) => !line.includes('Failed to load resource'))).toEqual([]);
});
