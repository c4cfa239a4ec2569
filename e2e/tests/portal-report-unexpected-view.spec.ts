import { expectNoSeriousViolations } from '../support/accessibility';
import {
  appErrors,
  operators,
  signInToAdmin,
  uniqueText,
  viewPortalAsOperator,
} from '../support/admin';
import { banner, signInToPortal, stepShots } from '../support/portal';
import { ADMIN_URL, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

test('Bob did not expect a view: it ends on the operator’s next request, and the location admin sees his report', async ({
  page,
  browser,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  const shot = stepShots('member-report');
  const reason = uniqueText('Checking a billing question');
  const words = uniqueText('Nobody from the space told me about this');

  // The owner views Bob's portal with full access, in this page.
  const { impersonationId } = await viewPortalAsOperator(page, {
    operator: operators.owner.email,
    member: 'bob@example.com',
    reason,
    mode: 'FULL',
  });
  await expect(banner(page)).toContainText('Viewing as Bob Brown');

  // Bob, in his own browser, did not expect it.
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signInToPortal(bob, 'bob@example.com', '/account/activity');
  const row = bob.getByRole('row', { name: new RegExp(reason) });
  await expect(row).toContainText('In progress');
  await row
    .getByRole('button', { name: `I did not expect this view by ${operators.owner.name}` })
    .click();
  const dialog = bob.getByRole('dialog', { name: 'I did not expect this' });
  await expect(dialog).toContainText('ends as soon as you send this');
  await expectNoSeriousViolations(bob, 'the report dialog open');
  await dialog.getByLabel('What would you like them to know?').fill(words);
  await shot(bob, 'bob-reports-the-view');
  await dialog.getByRole('button', { name: 'End the view and report it' }).click();
  await expect(
    bob.getByText('Thank you. The view of your account was ended, and your report was sent.'),
  ).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('Ended by your report');

  // A second click shows the report he made, and changes nothing.
  await row.getByRole('button', { name: /^Reported: see your report/ }).click();
  const sent = bob.getByRole('dialog', { name: 'Your report' });
  await expect(sent).toContainText(words);
  await expectNoSeriousViolations(bob, 'the sent report open');
  await shot(bob, 'bob-sees-his-report');
  await sent.getByRole('button', { name: 'Close' }).first().click();
  await expect(sent).toHaveCount(0);
  await bobContext.close();

  // The operator's page: its next request (saving Bob's details) finds the view over.
  await page.getByLabel('Full name').fill('Bob Brown');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const ended = page.getByRole('alertdialog', { name: 'Your view as Bob Brown has ended' });
  await expect(ended).toBeVisible();
  await shot(page, 'operator-view-ended');
  await expectNoSeriousViolations(page, 'the view-ended dialog open');
  const me = await page.request.get(`${PORTAL_URL}/api/trpc/me`);
  expect(((await me.json()) as { result: { data: { json: unknown } } }).result.data.json).toBe(
    null,
  );

  // Downtown's admin, in another browser, sees the report and its count in the sidebar.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInToAdmin(admin, operators.downtownAdmin.email);
  await admin.goto(`${ADMIN_URL}/customers`);
  const reportsLink = admin.getByRole('link', { name: /^Member reports \d+ open$/ });
  await expect(reportsLink).toBeVisible();
  const openBefore = Number.parseInt(
    (await reportsLink.getByTestId('open-reports').textContent()) ?? '',
    10,
  );
  expect(openBefore).toBeGreaterThanOrEqual(1);
  await reportsLink.click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Member reports' })).toBeVisible();
  const report = admin.getByRole('row', { name: new RegExp(words) });
  await expect(report).toContainText('Bob Brown');
  await expect(report).toContainText(operators.owner.name);
  await expect(report).toContainText(reason);
  await expect(report).toContainText('Full access');
  await expect(report).toContainText('Ended: member reported it');
  await expect(report.getByRole('link', { name: /^Timeline of/ })).toHaveAttribute(
    'href',
    `/impersonations/${impersonationId}`,
  );
  await shot(admin, 'admin-reports');

  await report.getByRole('button', { name: "Mark Bob Brown's report resolved" }).click();
  await expect(admin.getByText('Report marked resolved')).toBeVisible();
  await expect(report).toHaveCount(0);
  if (openBefore === 1) {
    await expect(admin.getByTestId('open-reports')).toHaveCount(0);
  } else {
    await expect(admin.getByTestId('open-reports')).toHaveText(`${openBefore - 1} open`);
  }
  await admin.getByRole('button', { name: 'All', exact: true }).click();
  await expect(report).toContainText(`Resolved by ${operators.downtownAdmin.name}`);
  await adminContext.close();

  expect(appErrors(consoleErrors)).toEqual([]);
});
