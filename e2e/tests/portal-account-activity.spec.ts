import { ownerViewsBobOverRest, PortalApi, signInToPortal, stepShots } from '../support/portal';
import { expect, test } from '../support/test';

test('a member sees every time their account was viewed, and can end a live view', async ({
  page,
  consoleErrors,
}) => {
  const shot = stepShots('flow-4-account-activity');
  const suffix = Date.now().toString(36);
  const teamReason = `Checking Bob's bookings ${suffix}`;
  const staffReason = `Billing question from Bob ${suffix}`;

  // Alice views Bob read-only and exits; then staff views Bob with full access and stays.
  // (A team administrator's link opens only where she is signed in: in her own context.)
  const alice = await PortalApi.signedIn('alice@example.com');
  await alice.mutation('impersonation.exchange', {
    token: await alice.teamAdminToken('Bob Brown', teamReason),
  });
  await alice.mutation('impersonation.exit');
  await alice.dispose();
  const staffAsBob = await ownerViewsBobOverRest(staffReason, 'full');

  await signInToPortal(page, 'bob@example.com');
  await shot(page, 'bob-dashboard');
  await page.getByRole('link', { name: 'Review activity' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account activity' })).toBeVisible();

  const teamRow = page.getByRole('row', { name: new RegExp(teamReason) });
  await expect(teamRow.getByRole('rowheader')).toContainText('Alice Anderson');
  await expect(teamRow).toContainText('Team administrator');
  await expect(teamRow).toContainText('Read-only');
  await expect(teamRow).toContainText('Exited');
  await expect(teamRow.getByRole('cell').nth(1)).toHaveText(/\w{3} \d{1,2}, \d{4}/);
  await expect(teamRow.getByRole('cell').nth(2)).toHaveText(/less than a second|\d+ s|\d+ min/);

  const staffRow = page.getByRole('row', { name: new RegExp(staffReason) });
  await expect(staffRow.getByRole('rowheader')).toContainText('Olivia Owner');
  await expect(staffRow).toContainText('Owner (staff)');
  await expect(staffRow).toContainText('Full access');
  await expect(staffRow).toContainText('In progress');
  await shot(page, 'activity-list');

  // Bob ends the staff member's live view himself; their session stops working at once.
  await staffRow.getByRole('button', { name: "End Olivia Owner's view now" }).click();
  await expect(page.getByText('The view of your account was ended.')).toBeVisible();
  await expect(staffRow).toContainText('Revoked');
  await expect(staffRow.getByRole('button', { name: /view now/ })).toHaveCount(0);
  expect(await staffAsBob.query('me')).toBeNull();
  await staffAsBob.dispose();
  await shot(page, 'live-view-ended');

  expect(consoleErrors).toEqual([]);
});
