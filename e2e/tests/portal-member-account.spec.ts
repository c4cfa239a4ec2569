import { type APIRequestContext, type Page } from '@playwright/test';
import { appErrors, openCustomer, operators, signInToAdmin } from '../support/admin';
import { banner, DEMO_PASSWORD, signInToPortal, stepShots } from '../support/portal';
import { artifactPath, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main', exact: true });

/** One of the portal's cards, found by its heading. */
const card = (page: Page, title: string) =>
  page.locator('section').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

/** Opens Bob's portal in `page` as Dana (Downtown's admin), read-only, through the REST grant. */
async function viewBobReadOnly(page: Page, request: APIRequestContext, reason: string) {
  const bearerOf = async (username: string) => {
    const answer = await request.post(`${PORTAL_URL}/api/token`, {
      form: { grant_type: 'password', username, password: DEMO_PASSWORD },
    });
    return ((await answer.json()) as { access_token: string }).access_token;
  };
  const profiles = await request.get(`${PORTAL_URL}/api/public/coworkers/profiles`, {
    headers: { Authorization: `Bearer ${await bearerOf('bob@example.com')}` },
  });
  const bobId = ((await profiles.json()) as { Profiles: Array<{ Id: number }> }).Profiles[0]!.Id;
  const grant = await request.get(`${PORTAL_URL}/api/sys/users/impersonate`, {
    params: { coworkerId: bobId, reason },
    headers: { Authorization: `Bearer ${await bearerOf(operators.downtownAdmin.email)}` },
  });
  const { token } = (await grant.json()) as { token: string };
  await page.goto(`${PORTAL_URL}/impersonate#token=${token}`);
  await expect(page).toHaveURL(`${PORTAL_URL}/`);
  await expect(banner(page)).toContainText('Read-only');
}

test('a member opens an invoice, prints it, and reveals their door PIN', async ({
  page,
  consoleErrors,
}) => {
  const shot = stepShots('member-account');
  await signInToPortal(page, 'bob@example.com');

  await mainNav(page).getByRole('link', { name: 'Invoices' }).click();
  await expect(page).toHaveURL(`${PORTAL_URL}/invoices`);
  const invoices = page.getByRole('table', { name: 'Your invoices, newest first' });
  await expect(invoices.getByRole('row', { name: /INV-0042/ })).toContainText('Overdue');
  await expect(invoices.getByRole('row', { name: /INV-0042/ })).toContainText('£325.00');
  await expect(invoices.getByRole('row', { name: /INV-0027/ })).toContainText('Paid');
  await shot(page, 'invoices');

  await invoices.getByRole('link', { name: 'INV-0042' }).click();
  await expect(page).toHaveURL(/\/invoices\/\d+$/);
  const invoice = page.getByRole('article', { name: 'Invoice INV-0042' });
  await expect(invoice).toContainText('Downtown Hub');
  await expect(invoice).toContainText('Bob Brown');
  await expect(invoice.getByRole('row', { name: /Meeting room Kew, 3 hours/ })).toContainText(
    '£75.00',
  );
  await expect(page.getByTestId('invoice-total')).toHaveText('£325.00');
  await expect(page).toHaveTitle('INV-0042 · Hotdesk');

  // Print: the button asks the browser to print, and on paper only the invoice remains.
  await page.evaluate('window.__printed = 0; window.print = () => { window.__printed += 1; }');
  await page.getByRole('button', { name: 'Print' }).click();
  expect(await page.evaluate('window.__printed')).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(invoice).toBeVisible();
  await expect(mainNav(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await shot(page, 'invoice-printed');
  await page.emulateMedia({ media: 'screen' });

  await mainNav(page).getByRole('link', { name: 'Membership' }).click();
  await expect(page).toHaveURL(`${PORTAL_URL}/membership`);
  await expect(card(page, 'Plan')).toContainText('Hot desk');
  await expect(card(page, 'Payment method')).toContainText('Visa •••• 4242, expires 08/2028');
  await expect(page.getByTestId('door-pin')).toHaveText('••••');
  await expect(card(page, 'Recent visits').getByRole('row')).toHaveCount(6);
  await page.getByRole('button', { name: 'Reveal door PIN' }).click();
  await expect(page.getByTestId('door-pin')).toHaveText('4821');
  await shot(page, 'membership-pin-revealed');
  await page.getByRole('button', { name: 'Hide' }).click();
  await expect(page.getByTestId('door-pin')).toHaveText('••••');

  expect(consoleErrors).toEqual([]);
});

test('an operator viewing a member read-only sees invoices and membership, card and PIN masked', async ({
  page,
  request,
  consoleErrors,
}) => {
  const shot = stepShots('member-account-read-only');
  await viewBobReadOnly(page, request, `Billing question ${Date.now().toString(36)}`);

  await mainNav(page).getByRole('link', { name: 'Invoices' }).click();
  await expect(
    page.getByRole('table', { name: 'Your invoices, newest first' }).getByRole('row', {
      name: /INV-0042/,
    }),
  ).toContainText('Overdue');

  await mainNav(page).getByRole('link', { name: 'Membership' }).click();
  await expect(card(page, 'Plan')).toContainText('Hot desk');
  const payment = card(page, 'Payment method');
  await expect(payment).toContainText('Card on file');
  await expect(page.getByTestId('door-pin')).toHaveText('••••');
  const why = 'This is a read-only view: the door PIN and payment details stay masked.';
  for (const name of ['Reveal door PIN', 'Reveal card details']) {
    const button = page.getByRole('button', { name });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(why);
  }
  const text = await page.locator('main').innerText();
  for (const secret of ['4242', '4821', 'Visa', '2028']) expect(text).not.toContain(secret);
  await shot(page, 'membership-masked');

  // The server refuses a reveal made behind the UI's back (and audits it: the API tests prove it).
  const status = await page.evaluate(async () => {
    const response = await fetch('/api/trpc/membership.reveal', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ json: { secret: 'DOOR_PIN' } }),
    });
    return response.status;
  });
  expect(status).toBe(403);
  expect(consoleErrors.filter((error) => !error.includes('403'))).toEqual([]);

  await banner(page).getByRole('button', { name: 'Exit' }).click();
  await expect(page).not.toHaveURL(new RegExp(`^${PORTAL_URL}`));
});

test('the admin customer page shows the plan, the overdue invoice, and card and PIN masked', async ({
  page,
  consoleErrors,
}) => {
  await signInToAdmin(page, operators.downtownAdmin.email);
  await openCustomer(page, 'bob@example.com');
  const account = page.getByRole('region', { name: 'Account' });
  await expect(account).toContainText('Hot desk');
  await expect(account).toContainText('1 overdue');
  await expect(account).toContainText(/INV-0042\s*Overdue/);
  await expect(account).toContainText('Meeting room Kew');
  await expect(account.getByRole('definition').filter({ hasText: 'Card on file' })).toContainText(
    'Masked',
  );
  await expect(account).toContainText('••••');
  const text = await account.innerText();
  for (const secret of ['4242', '4821', 'Visa', '2028']) expect(text).not.toContain(secret);
  await page.screenshot({ path: artifactPath('admin-customer-account.png'), fullPage: true });
  expect(appErrors(consoleErrors)).toEqual([]);
});
