import {
  appErrors,
  operators,
  signInToAdmin,
  uniqueText,
  viewPortalAsOperator,
} from '../support/admin';
import { mailsMentioning, reportLinkOf } from '../support/mail';
import { banner, signInToPortal, stepShots } from '../support/portal';
import { ADMIN_URL, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

test('Bob did not expect a view: one click from the e-mail, signed out, ends it and tells the location admin', async ({
  page,
  browser,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  const shot = stepShots('report-from-mail');
  const reason = uniqueText('Checking a locker question');
  const words = uniqueText('I was on holiday; nobody should be in my account');

  // The owner views Bob's portal with full access, from the admin app, in this page.
  const { impersonationId } = await viewPortalAsOperator(page, {
    operator: operators.owner.email,
    member: 'bob@example.com',
    reason,
    mode: 'FULL',
  });
  await expect(banner(page)).toContainText('Viewing as Bob Brown');

  // Bob's own portal tells him, in the bell, with the same action beside the notice.
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signInToPortal(bob, 'bob@example.com');
  const openBell = () => bob.getByRole('button', { name: /^Notifications:/ }).click();
  const notice = bob
    .getByRole('dialog', { name: 'Notifications' })
    .getByRole('listitem')
    .filter({ hasText: reason })
    .filter({ hasText: 'Olivia Owner (staff) is viewing your account' });
  await expect(async () => {
    await bob.reload();
    await openBell();
    await expect(notice).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(
    notice.getByRole('button', { name: `I did not expect this view by ${operators.owner.name}` }),
  ).toBeVisible();
  await shot(bob, 'bob-sees-the-notice');

  // The e-mail holds the same news and the link; Bob opens it signed out, in another browser.
  await expect.poll(async () => (await mailsMentioning(reason)).length).toBe(1);
  const [mail] = await mailsMentioning(reason);
  const link = reportLinkOf(mail!);
  const mailContext = await browser.newContext();
  const fromMail = await mailContext.newPage();
  await fromMail.goto(link);
  await expect(
    fromMail.getByRole('heading', { level: 1, name: 'Olivia Owner is viewing your account' }),
  ).toBeVisible();
  // The token left the address bar (and the history) as soon as the page read it.
  expect(fromMail.url()).toBe(`${PORTAL_URL}/from-mail`);
  await expect(fromMail.getByText('Staff at Downtown Hub', { exact: false })).toBeVisible();
  await expect(fromMail.getByText(reason)).toBeVisible();
  await expect(fromMail.getByText('Full access')).toBeVisible();
  await expect(fromMail.getByText('Still going')).toBeVisible();
  await fromMail.getByLabel('What would you like them to know?').fill(words);
  await shot(fromMail, 'bob-opens-the-mail-link');
  // Keyboard only: from the words to the button, then Enter.
  await fromMail.keyboard.press('Tab');
  await expect(fromMail.getByRole('button', { name: 'I did not expect this' })).toBeFocused();
  await fromMail.keyboard.press('Enter');
  await expect(
    fromMail.getByText('The view has been ended and staff at Downtown Hub have been told.'),
  ).toBeVisible();
  await shot(fromMail, 'bob-reported-from-the-mail');

  // Opening the link again (a new tab): it has done its one thing.
  const again = await mailContext.newPage();
  await again.goto(link);
  await expect(
    again.getByRole('heading', { level: 1, name: 'This link has been used' }),
  ).toBeVisible();
  await expect(
    again.getByRole('link', { name: 'Sign in and open Account activity' }),
  ).toHaveAttribute('href', '/sign-in?next=%2Faccount%2Factivity');
  await mailContext.close();

  // The operator's page: its next request (saving Bob's details) finds the view over.
  await page.getByLabel('Full name').fill('Bob Brown');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    page.getByRole('alertdialog', { name: 'Your view as Bob Brown has ended' }),
  ).toBeVisible();
  const me = await page.request.get(`${PORTAL_URL}/api/trpc/me`);
  expect(((await me.json()) as { result: { data: { json: unknown } } }).result.data.json).toBe(
    null,
  );

  // Bob's bell now shows his report beside the notice.
  await bob.reload();
  await openBell();
  await notice
    .getByRole('button', { name: `Reported: see your report of ${operators.owner.name}'s view` })
    .click();
  await expect(bob.getByRole('dialog', { name: 'Your report' })).toContainText(words);
  await bobContext.close();

  // Downtown's admin sees the report, counted in the sidebar.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInToAdmin(admin, operators.downtownAdmin.email);
  await admin.goto(`${ADMIN_URL}/customers`);
  const reportsLink = admin.getByRole('link', { name: /^Member reports \d+ open$/ });
  await expect(reportsLink).toBeVisible();
  await reportsLink.click();
  const report = admin.getByRole('row', { name: new RegExp(words) });
  await expect(report).toContainText('Bob Brown');
  await expect(report).toContainText(operators.owner.name);
  await expect(report).toContainText(reason);
  await expect(report).toContainText('Ended: member reported it');
  await expect(report.getByRole('link', { name: /^Timeline of/ })).toHaveAttribute(
    'href',
    `/impersonations/${impersonationId}`,
  );
  await shot(admin, 'admin-sees-the-report');
  await adminContext.close();

  expect(appErrors(consoleErrors)).toEqual([]);
});
