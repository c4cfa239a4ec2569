import { generateTotp } from '@hotdesk/auth';
import { expectNoSeriousViolations } from '../support/accessibility';
import { seedAccount } from '../support/database';
import { DEMO_PASSWORD, signInToPortal, stepShots } from '../support/portal';
import { PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

test('sign-in explains each refusal in words', async ({ page }) => {
  const shot = stepShots('sign-in-errors');
  await page.goto(`${PORTAL_URL}/sign-in`);

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Email').fill('bob@example.com');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'The email or password is incorrect, or the account is suspended.',
  );
  await shot(page, 'wrong-password');

  await page.getByLabel('Email').fill('grace@example.com');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText(
    'You need to reset your password',
  );
  await shot(page, 'must-reset-password');

  await page.getByLabel('Email').fill('dave@example.com');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText(
    'or the account is suspended',
  );
});

test('a member with two-factor sign-in enters the authentication code, which works once', async ({
  page,
  browser,
  consoleErrors,
}) => {
  const shot = stepShots('sign-in-two-factor');
  // A member of this test's own: a code is accepted once, so no other test may use it.
  const member = await seedAccount({ name: 'Two Factor Member', twoFactor: true });
  await page.goto(`${PORTAL_URL}/team`);
  // Member pages send signed-out visitors to sign in, and back afterwards.
  await expect(page).toHaveURL(`${PORTAL_URL}/sign-in?next=%2Fteam`);

  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = page.getByLabel('Authentication code');
  await expect(code).toBeFocused();
  await shot(page, 'code-step');

  const right = generateTotp(member.totpSecret!);
  await code.fill(right === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('That code did not work');

  await code.fill(right);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${PORTAL_URL}/team`);
  await expect(page.getByRole('heading', { level: 1, name: 'Your teams' })).toBeVisible();
  await expect(page.getByText('You are not on a team here')).toBeVisible();
  await shot(page, 'signed-in');
  expect(consoleErrors.filter((error) => !error.includes('400'))).toEqual([]);

  // Replayed from another browser within its minute, the same code opens nothing.
  const elsewhere = await browser.newPage();
  await elsewhere.goto(`${PORTAL_URL}/sign-in`);
  await elsewhere.getByLabel('Email').fill(member.email);
  await elsewhere.getByLabel('Password').fill(DEMO_PASSWORD);
  await elsewhere.getByRole('button', { name: 'Sign in' }).click();
  await elsewhere.getByLabel('Authentication code').fill(right);
  await elsewhere.getByRole('button', { name: 'Sign in' }).click();
  await expect(elsewhere.getByRole('main').getByRole('alert')).toContainText(
    'That code did not work',
  );
  await expect(elsewhere).toHaveURL(`${PORTAL_URL}/sign-in`);
  await elsewhere.close();
});

test('signing out ends the session', async ({ page, consoleErrors }) => {
  await signInToPortal(page, 'erin@example.com');
  await expect(page.getByRole('heading', { level: 1, name: 'Erin Evans' })).toBeVisible();

  await page.getByRole('button', { name: 'Account menu for Erin Evans' }).click();
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
  await expectNoSeriousViolations(page, 'the account menu open');
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Hotdesk' })).toBeVisible();
  await expect(page.getByText('You have signed out.')).toBeVisible();

  await page.goto(`${PORTAL_URL}/account/activity`);
  await expect(page).toHaveURL(`${PORTAL_URL}/sign-in?next=%2Faccount%2Factivity`);
  expect(consoleErrors).toEqual([]);
});
