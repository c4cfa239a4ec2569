import { seedTeamOfTwo } from '../support/database';
import { banner, signInToPortal } from '../support/portal';
import { PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

const REFUSAL = 'This member has turned off viewing by team administrators.';

test('a member turns off viewing by their team administrators, and back on', async ({
  page: memberPage,
  browser,
  consoleErrors,
}) => {
  // Two people in two browsers, each page loaded several times over.
  test.slow();
  // A team of its own: the demo team (Alice and Bob) serves other tests running alongside.
  const { name: teamName, administrator, member } = await seedTeamOfTwo();
  const suffix = Date.now().toString(36);
  const acceptedReason = `Checking the bookings ${suffix}`;
  const adminContext = await browser.newContext();
  try {
    // The administrator has the team page open, while the member still allows viewing.
    const adminPage = await adminContext.newPage();
    await signInToPortal(adminPage, administrator.email);
    await adminPage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Team' })
      .click();
    await adminPage.getByRole('link', { name: `Manage permissions of ${teamName}` }).click();
    await expect(adminPage.getByRole('heading', { level: 1, name: teamName })).toBeVisible();
    const teamPage = adminPage.url();
    const memberRow = adminPage.getByRole('row', { name: new RegExp(member.fullName) });
    const impersonate = memberRow.getByRole('button', { name: 'Impersonate account' });
    await expect(impersonate).toBeEnabled();

    await signInToPortal(memberPage, member.email, '/account/activity');
    await expect(
      memberPage.getByRole('heading', { level: 1, name: 'Account activity' }),
    ).toBeVisible();
    const allow = memberPage.getByRole('checkbox', {
      name: 'Let my team administrators view my account',
    });
    await expect(allow).toBeChecked();
    // The box follows the server: it changes once the choice is saved.
    await allow.click();
    await expect(
      memberPage.getByText('Your team administrators can no longer view your account.'),
    ).toBeVisible();
    await expect(allow).not.toBeChecked();
    await memberPage.reload();
    await expect(allow).not.toBeChecked();

    // The page opened before still offers the button; the dialog asks the server afresh, which
    // refuses and says why, before anything is sent.
    await impersonate.click();
    const dialog = adminPage.getByRole('dialog', { name: `View the portal as ${member.fullName}` });
    await expect(dialog).toContainText(REFUSAL);
    await expect(dialog.getByLabel('Reason')).toHaveCount(0);
    await expect(adminPage).toHaveURL(teamPage);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    // Loaded afresh, the team page no longer offers it, and gives the reason.
    await adminPage.reload();
    await expect(impersonate).toBeDisabled();
    await expect(impersonate).toHaveAccessibleDescription(REFUSAL);

    await allow.click();
    await expect(
      memberPage.getByText('Your team administrators can view your account again.'),
    ).toBeVisible();
    await expect(allow).toBeChecked();
    await memberPage.reload();
    await expect(allow).toBeChecked();

    await adminPage.reload();
    await expect(impersonate).toBeEnabled();
    await impersonate.click();
    await dialog.getByLabel('Reason').fill(acceptedReason);
    await dialog.getByRole('button', { name: 'Start viewing' }).click();
    await expect(adminPage).toHaveURL(`${PORTAL_URL}/`);
    await expect(adminPage.getByRole('heading', { level: 1, name: member.fullName })).toBeVisible();
    await expect(banner(adminPage)).toContainText(`Viewing as ${member.fullName}`);
    await expect(banner(adminPage)).toContainText(`by ${administrator.fullName}`);
    await banner(adminPage).getByRole('button', { name: 'Exit' }).click();
    await expect(adminPage).toHaveURL(teamPage);

    // The member's activity lists the view that happened.
    await memberPage.reload();
    await expect(memberPage.getByRole('row', { name: new RegExp(acceptedReason) })).toContainText(
      administrator.fullName,
    );
    expect(consoleErrors).toEqual([]);
  } finally {
    await adminContext.close();
  }
});
