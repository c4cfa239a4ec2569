import { generateTotp } from '@hotdesk/auth';
import { appErrors, DEMO_PASSWORD, operators, uniqueText } from '../support/admin';
import { seedAccount } from '../support/database';
import { ADMIN_URL } from '../support/system';
import { type Page } from '@playwright/test';
import { expect, test } from '../support/test';

async function submitCredentials(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('signing in to the admin console', () => {
  test('an operator signs in, returns to the page asked for, sees who they are and signs out', async ({
    page,
    consoleErrors,
  }) => {
    await page.goto(`${ADMIN_URL}/audit?type=SIGN_IN`);
    await expect(page).toHaveURL(
      `${ADMIN_URL}/sign-in?next=${encodeURIComponent('/audit?type=SIGN_IN')}`,
    );

    await submitCredentials(page, operators.downtownAdmin.email);

    await expect(page).toHaveURL(`${ADMIN_URL}/audit?type=SIGN_IN`);
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    await expect(page.getByTestId('operator-name')).toHaveText('Dana Downtown');
    await expect(page.getByTestId('operator-role')).toHaveText('Admin · Downtown Hub');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${ADMIN_URL}/sign-in`);
    await expect(page.getByText('Signed out', { exact: true })).toBeVisible();

    // The session is gone on the server: the console sends the visitor back to sign-in.
    await page.goto(`${ADMIN_URL}/customers`);
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fcustomers$/);
    expect(consoleErrors).toEqual([]);
  });

  test('a sign-out that does not reach the server keeps the console and says so', async ({
    page,
    consoleErrors,
  }) => {
    await page.goto(`${ADMIN_URL}/sign-in`);
    await submitCredentials(page, operators.downtownAdmin.email);
    await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
    await page.route('**/api/trpc/session.signOut**', (route) =>
      route.abort('internetdisconnected'),
    );

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText('Could not sign out', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
    await expect(page.getByTestId('operator-name')).toHaveText('Dana Downtown');
    await expect(page).toHaveURL(`${ADMIN_URL}/customers`);

    // The session is still there: with the network back, signing out works.
    await page.unroute('**/api/trpc/session.signOut**');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${ADMIN_URL}/sign-in`);
    expect(appErrors(consoleErrors)).toEqual([]);
  });

  test('without a destination, sign-in lands on customers', async ({ page, consoleErrors }) => {
    await page.goto(`${ADMIN_URL}/sign-in`);
    await submitCredentials(page, operators.owner.email);

    await expect(page).toHaveURL(`${ADMIN_URL}/customers`);
    await expect(page.getByTestId('operator-role')).toHaveText('Owner · All locations');
    expect(consoleErrors).toEqual([]);
  });

  test('empty fields are explained before anything is sent', async ({ page, consoleErrors }) => {
    await page.goto(`${ADMIN_URL}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByText('Enter your email address.')).toBeVisible();
    await expect(page.getByText('Enter your password.')).toBeVisible();
    await expect(page.getByLabel('Email')).toBeFocused();
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(consoleErrors).toEqual([]);
  });

  test('a wrong password is refused without saying which part was wrong', async ({
    page,
    consoleErrors,
  }) => {
    await page.goto(`${ADMIN_URL}/sign-in`);
    await submitCredentials(page, operators.riversideAdmin.email, 'not-the-password');

    await expect(page.getByTestId('sign-in-problem')).toContainText(
      'The email or password is incorrect, or the account is suspended.',
    );
    await expect(page).toHaveURL(`${ADMIN_URL}/sign-in`);
    await expect(page.getByLabel('Password')).toHaveValue('');
    expect(appErrors(consoleErrors)).toEqual([]);
  });

  test('a suspended account is refused', async ({ page }) => {
    await page.goto(`${ADMIN_URL}/sign-in`);
    await submitCredentials(page, 'dave@example.com');

    await expect(page.getByTestId('sign-in-problem')).toContainText('or the account is suspended');
    await expect(page).toHaveURL(`${ADMIN_URL}/sign-in`);
  });

  test('a member is told the console is for staff and pointed to the portal', async ({ page }) => {
    await page.goto(`${ADMIN_URL}/sign-in`);
    await submitCredentials(page, 'bob@example.com');

    const alert = page.getByTestId('sign-in-problem');
    await expect(alert).toContainText('This is a member account');
    await expect(alert.getByRole('link', { name: 'member portal' })).toBeVisible();
    await expect(page).toHaveURL(`${ADMIN_URL}/sign-in`);
  });

  test('an account that must reset its password is told so', async ({ page }) => {
    await page.goto(`${ADMIN_URL}/sign-in`);
    await submitCredentials(page, 'grace@example.com');

    await expect(page.getByTestId('sign-in-problem')).toContainText(
      'This account must reset its password before it can sign in.',
    );
  });

  test('an account with two-factor on asks for the code, refuses a wrong one and a used one, accepts the right one', async ({
    page,
    browser,
    consoleErrors,
  }) => {
    // An operator of this test's own: a code is accepted once, so no other test may use it.
    const viewer = await seedAccount({
      name: 'Two Factor Viewer',
      kind: 'viewer',
      twoFactor: true,
    });
    const secret = viewer.totpSecret!;
    await page.goto(`${ADMIN_URL}/sign-in`);
    await submitCredentials(page, viewer.email);

    await expect(
      page.getByRole('heading', { level: 1, name: 'Two-step verification' }),
    ).toBeVisible();
    const code = page.getByLabel('Authentication code');
    await expect(code).toBeFocused();
    await expect(page.getByLabel('Password')).toHaveCount(0);

    await code.fill('12');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(
      page.getByText('Enter the 6-digit code from your authenticator app.'),
    ).toBeVisible();

    const right = generateTotp(secret);
    await code.fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('That code is not valid.')).toBeVisible();

    await code.fill(right);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${ADMIN_URL}/customers`);
    await expect(page.getByTestId('operator-role')).toHaveText('Viewer · Downtown Hub');
    expect(appErrors(consoleErrors)).toEqual([]);

    // The same code, seen over the operator's shoulder, opens nothing in another browser.
    const elsewhere = await browser.newPage();
    await elsewhere.goto(`${ADMIN_URL}/sign-in`);
    await submitCredentials(elsewhere, viewer.email);
    await elsewhere.getByLabel('Authentication code').fill(right);
    await elsewhere.getByRole('button', { name: 'Sign in' }).click();
    await expect(elsewhere.getByText('That code is not valid.')).toBeVisible();
    await expect(elsewhere).toHaveURL(`${ADMIN_URL}/sign-in`);
    await elsewhere.close();
  });

  test('after too many failures from one address, sign-in from there pauses, and the wait is shown', async ({
    page,
  }) => {
    const email = `${uniqueText('locked').replace(' ', '-')}@example.com`;
    await page.goto(`${ADMIN_URL}/sign-in`);
    const alert = page.getByTestId('sign-in-problem');
    // From the browser itself: the lockout is of this account from this address.
    for (let attempt = 0; attempt < 5; attempt++) {
      await submitCredentials(page, email, 'wrong-password');
      await expect(alert).toContainText('The email or password is incorrect');
    }
    await submitCredentials(page, email, 'wrong-password');

    await expect(alert).toContainText('Too many failed sign-in attempts.');
    await expect(alert).toContainText(/Try again in \d+ minutes?\./);
  });
});
