import { type Locator, type Page } from '@playwright/test';
import { customerIdByEmail, operators, signInToAdmin } from '../support/admin';
import { seedTeamOfTwo, type SeededTeam } from '../support/database';
import { signInToPortal } from '../support/portal';
import { ADMIN_URL, TOKEN_SECONDS } from '../support/system';
import { expect, test } from '../support/test';

/** The operator's dialog for the team's member, open on the customer page. */
async function adminDialog(page: Page, team: SeededTeam): Promise<Locator> {
  const id = await customerIdByEmail(page, team.member.email);
  await page.goto(`${ADMIN_URL}/customers/${id}`);
  await page.getByRole('button', { name: 'Impersonate' }).click();
  const dialog = page.getByRole('dialog', { name: `Impersonate ${team.member.fullName}` });
  await expect(dialog.getByTestId('impersonation-terms')).toBeVisible();
  return dialog;
}

/** The team administrator's dialog for the same member, open on the team page. */
async function portalDialog(page: Page, team: SeededTeam): Promise<Locator> {
  await page.goto(page.url());
  await page
    .getByRole('row', { name: new RegExp(team.member.fullName) })
    .getByRole('button', { name: 'Impersonate account' })
    .click();
  const dialog = page.getByRole('dialog', { name: `View the portal as ${team.member.fullName}` });
  await expect(dialog.getByTestId('impersonation-terms')).toBeVisible();
  return dialog;
}

test('both impersonate dialogs say what the server says: its link lifetime and the location’s policy', async ({
  page: adminPage,
  browser,
  consoleErrors,
}) => {
  test.slow();
  // A location of its own, so its policy can change while other tests run.
  const team = await seedTeamOfTwo();
  const portalContext = await browser.newContext();
  try {
    const portalPage = await portalContext.newPage();
    await signInToPortal(portalPage, team.administrator.email, '/team');
    await portalPage.getByRole('link', { name: `Manage permissions of ${team.name}` }).click();
    await signInToAdmin(adminPage, operators.owner.email);

    // The system runs with a link lifetime that is not the default; both dialogs show it.
    let admin = await adminDialog(adminPage, team);
    await expect(admin.getByTestId('impersonation-terms')).toContainText(
      `within ${TOKEN_SECONDS} seconds`,
    );
    await expect(admin).toContainText('up to 60 minutes');
    await expect(admin.getByText('(optional)')).toBeVisible();
    await adminPage.keyboard.press('Escape');
    let portal = await portalDialog(portalPage, team);
    await expect(portal).toContainText(`within ${TOKEN_SECONDS} seconds`);
    await expect(portal).toContainText('up to 60 minutes');
    await expect(portal.getByText('(optional)')).toBeVisible();
    await portalPage.keyboard.press('Escape');

    // The owner changes the location's policy in the admin app.
    await adminPage.goto(`${ADMIN_URL}/policies`);
    const card = adminPage.getByRole('region', { name: team.location });
    await card.getByLabel('Maximum session length (minutes)').fill('20');
    await card.getByRole('switch', { name: 'A reason is always required' }).click();
    await card.getByRole('switch', { name: 'Full access allowed' }).click();
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(adminPage.getByText('Policy saved')).toBeVisible();

    // Both dialogs follow, without a line of either app knowing the policy.
    admin = await adminDialog(adminPage, team);
    await expect(admin).toContainText('up to 20 minutes');
    await expect(admin.getByText('(required)')).toBeVisible();
    await expect(admin.getByRole('radio', { name: 'Full access' })).toBeDisabled();
    await expect(admin).toContainText('Full access is not allowed at this location.');
    await adminPage.keyboard.press('Escape');
    portal = await portalDialog(portalPage, team);
    await expect(portal).toContainText('up to 20 minutes');
    await expect(portal.getByText('(required)')).toBeVisible();
    await expect(portal.getByRole('radio', { name: 'Full access' })).toBeDisabled();
    await expect(portal).toContainText('Full access is not allowed at this location.');
    expect(consoleErrors).toEqual([]);
  } finally {
    await portalContext.close();
  }
});
