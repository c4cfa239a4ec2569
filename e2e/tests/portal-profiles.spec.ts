import { expectNoSeriousViolations } from '../support/accessibility';
import { signInToPortal, stepShots } from '../support/portal';
import { expect, test } from '../support/test';

test('a member with two profiles switches between them from the navigation bar', async ({
  page,
  consoleErrors,
}) => {
  const shot = stepShots('flow-3-profiles');
  const switcher = page.getByRole('button', { name: /^Switch profile/ });
  const location = page.getByRole('main').getByText('Location', { exact: true }).locator('..');

  await signInToPortal(page, 'carol@example.com');
  await expect(page.getByRole('heading', { level: 1, name: 'Carol Clark' })).toBeVisible();
  await expect(location).toContainText('Downtown Hub');
  await expect(switcher).toHaveAccessibleName(/current: Downtown Hub/);
  await shot(page, 'downtown-dashboard');

  await switcher.click();
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitemradio')).toHaveCount(2);
  await expect(menu.getByRole('menuitemradio', { name: /Downtown Hub/ })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await expect(menu.getByRole('menuitemradio', { name: /Riverside Works/ })).toHaveAttribute(
    'aria-checked',
    'false',
  );
  await shot(page, 'profile-menu');
  await expectNoSeriousViolations(page, 'the profile menu open');

  await menu.getByRole('menuitemradio', { name: /Riverside Works/ }).click();
  await expect(switcher).toHaveAccessibleName(/current: Riverside Works/);
  await expect(location).toContainText('Riverside Works');
  await expect(page.getByText('You are now using your Riverside Works profile.')).toBeVisible();
  await expectNoSeriousViolations(page, 'the switch told in a toast');
  await shot(page, 'riverside-dashboard');

  // The session remembers the profile: a fresh load is still Riverside Works.
  await page.reload();
  await expect(location).toContainText('Riverside Works');
  await switcher.click();
  await expect(page.getByRole('menuitemradio', { name: /Riverside Works/ })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await page.getByRole('menuitemradio', { name: /Downtown Hub/ }).click();
  await expect(location).toContainText('Downtown Hub');
  await expect(switcher).toHaveAccessibleName(/current: Downtown Hub/);
  await shot(page, 'back-on-downtown');

  expect(consoleErrors).toEqual([]);
});
