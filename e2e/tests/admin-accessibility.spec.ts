import { expectNoSeriousViolations } from '../support/accessibility';
import { operators } from '../support/admin';
import { ADMIN_URL } from '../support/system';
import { expect, test } from '../support/test';

test.describe('the console without a mouse, on a laptop screen', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('sign in, find bob and open the impersonate dialog with the keyboard only', async ({
    page,
    consoleErrors,
  }) => {
    await page.goto(`${ADMIN_URL}/customers`);
    await expect(page.getByLabel('Email')).toBeFocused();
    await page.keyboard.type(operators.downtownAdmin.email);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.keyboard.type('hotdesk-demo');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`${ADMIN_URL}/customers`);

    // The first Tab offers the skip link; it leads to the page's content.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();

    // "/" jumps to search once the page has hydrated (a press before that does nothing, and a
    // user presses again); Down arrow enters the results; Enter opens one.
    await expect(async () => {
      await page.locator('body').press('/');
      await expect(page.getByLabel('Search customers')).toBeFocused({ timeout: 1_000 });
    }).toPass();
    await page.keyboard.type('bob');
    await expect(page).toHaveURL(`${ADMIN_URL}/customers?q=bob`);
    await expect(page.getByRole('table', { name: 'Customers' }).getByRole('link')).toHaveText([
      'Bob Brown',
    ]);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('link', { name: 'Bob Brown' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Bob Brown' })).toBeVisible();

    const impersonate = page.getByRole('button', { name: 'Impersonate' });
    for (let presses = 0; presses < 20; presses++) {
      const focused = (await page.evaluate('document.activeElement?.textContent ?? ""')) as string;
      if (focused.trim() === 'Impersonate') break;
      await page.keyboard.press('Tab');
    }
    await expect(impersonate).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Impersonate Bob Brown' });
    await expect(dialog).toBeVisible();
    // Focus is inside the dialog; arrow keys move between the modes.
    await expect(dialog.locator(':focus')).toHaveCount(1);
    await dialog.getByRole('radio', { name: 'Read-only' }).focus();
    // Held as a person would: Radix checks the radio that receives focus while the key is down.
    await page.keyboard.press('ArrowRight', { delay: 100 });
    await expect(dialog.getByRole('radio', { name: 'Full access' })).toBeChecked();
    await expectNoSeriousViolations(page, 'the impersonate dialog open, full access chosen');
    await page.keyboard.press('Tab');
    await expect(dialog.getByLabel('Reason')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(impersonate).toBeFocused();
    expect(consoleErrors).toEqual([]);
  });

  test('every page fits a laptop screen without sideways scrolling and logs no errors', async ({
    page,
    consoleErrors,
  }) => {
    await page.goto(`${ADMIN_URL}/sign-in`);
    await page.getByLabel('Email').fill(operators.owner.email);
    await page.getByLabel('Password').fill('hotdesk-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${ADMIN_URL}/customers`);

    for (const [path, heading] of [
      ['/customers', 'Customers'],
      ['/impersonations', 'Active impersonations'],
      ['/audit', 'Audit log'],
    ] as const) {
      await page.goto(`${ADMIN_URL}${path}`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      const overflow = (await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      )) as number;
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }

    await page.getByRole('button', { name: /^Working in/ }).click();
    await expect(page.getByRole('menuitemradio', { name: 'All locations' })).toBeVisible();
    await expectNoSeriousViolations(page, 'the location menu open');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();
    expect(consoleErrors).toEqual([]);
  });
});
