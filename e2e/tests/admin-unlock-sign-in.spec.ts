import { type Page } from '@playwright/test';
import { DEMO_PASSWORD, openCustomer, operators, signInToAdmin } from '../support/admin';
import { seedAccount } from '../support/database';
import { PORTAL_URL, ADMIN_URL } from '../support/system';
import { expect, test } from '../support/test';

/**
 * Wrong passwords lock out the address they come from. When that is the member's own address
 * (a shared office, someone guessing beside them), an admin or owner of their location unlocks
 * their sign-in from the customer page; a viewer cannot; the audit log says who did it.
 */

async function submitPortalSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an admin unlocks a member locked out by wrong passwords; a viewer cannot', async ({
  page,
  browser,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  const member = await seedAccount({ name: 'Locked Member' });
  const memberPage = await browser.newPage();
  await memberPage.goto(`${PORTAL_URL}/sign-in`);
  const problem = memberPage.getByRole('main').getByRole('alert');
  for (let attempt = 0; attempt < 5; attempt++) {
    await submitPortalSignIn(memberPage, member.email, `wrong-guess-${attempt}`);
    await expect(problem).toContainText('The email or password is incorrect');
  }
  // From this browser's address, even the right password now waits.
  await submitPortalSignIn(memberPage, member.email, DEMO_PASSWORD);
  await expect(problem).toContainText(/Too many failed attempts\. Try again in \d+ minutes\./);

  const viewerPage = await browser.newPage();
  await signInToAdmin(viewerPage, operators.downtownViewer.email);
  await openCustomer(viewerPage, member.email);
  const viewerCard = viewerPage.getByTestId('sign-in-lock');
  await expect(viewerCard.getByText('Locked', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(viewerCard).toContainText('An admin or owner of this location can unlock it.');
  await expect(viewerCard.getByRole('button', { name: 'Unlock sign-in' })).toHaveCount(0);
  await viewerPage.close();

  await signInToAdmin(page, operators.downtownAdmin.email);
  await openCustomer(page, member.email);
  const card = page.getByTestId('sign-in-lock');
  await expect(card.getByText('Locked', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(card).toContainText('Wrong passwords from 1 address paused sign-in from there.');
  await card.getByRole('button', { name: 'Unlock sign-in' }).click();
  await expect(page.getByText('Sign-in unlocked', { exact: true })).toBeVisible();
  await expect(card.getByText('Not locked', { exact: true })).toBeVisible();

  // The member, from the same browser, gets in at once.
  await submitPortalSignIn(memberPage, member.email, DEMO_PASSWORD);
  await expect(memberPage).toHaveURL(`${PORTAL_URL}/`);
  await expect(memberPage.getByRole('heading', { level: 1, name: member.fullName })).toBeVisible();
  await memberPage.close();

  await page.goto(`${ADMIN_URL}/audit?type=SIGN_IN_UNLOCKED`);
  const row = page.getByRole('row').filter({ hasText: member.fullName });
  await expect(row).toContainText('Sign-in unlocked', { timeout: 15_000 });
  await expect(row).toContainText(operators.downtownAdmin.name);
  expect(consoleErrors).toEqual([]);
});
