import { operators, signInToAdmin } from '../support/admin';
import { seedCustomers } from '../support/database';
import { ADMIN_URL, artifactPath } from '../support/system';
import { expect, test } from '../support/test';

test.describe('finding customers', () => {
  test('search as you type, open a customer, and come back to the same results', async ({
    page,
    consoleErrors,
  }) => {
    await signInToAdmin(page, operators.downtownAdmin.email);
    await page.goto(`${ADMIN_URL}/customers`);

    const table = page.getByRole('table', { name: 'Customers' });
    await expect(table.getByRole('link', { name: 'Alice Anderson' })).toBeVisible();
    // Downtown's admin sees Downtown's customers only.
    await expect(table.getByRole('link', { name: 'Erin Evans' })).toHaveCount(0);
    await expect(page.getByText(/Showing 1–6 of 6 customers/)).toBeVisible();
    await page.screenshot({ path: artifactPath('admin-customers.png'), fullPage: true });

    await page.getByLabel('Search customers').pressSequentially('bob', { delay: 40 });
    await expect(page).toHaveURL(`${ADMIN_URL}/customers?q=bob`);
    await expect(table.getByRole('link', { name: 'Bob Brown' })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(2); // header + Bob
    await expect(page.getByText('Showing 1–1 of 1 customer')).toBeVisible();

    await table.getByRole('link', { name: 'Bob Brown' }).click();
    await expect(page).toHaveURL(/\/customers\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Bob Brown' })).toBeVisible();
    await expect(page).toHaveTitle('Bob Brown · Hotdesk Admin');
    const teams = page.getByRole('region', { name: 'Teams' });
    await expect(teams.getByText('Acme')).toBeVisible();
    await expect(teams.getByText('Member', { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'At a glance' })).toContainText('Downtown Hub');
    await expect(page.getByTestId('active-sessions')).toHaveText(/^\d+$/);
    await expect(page.getByRole('region', { name: 'Impersonation history' })).toBeVisible();
    await page.screenshot({ path: artifactPath('admin-customer.png'), fullPage: true });

    await page.getByRole('link', { name: 'Back to customers' }).click();
    await expect(page).toHaveURL(`${ADMIN_URL}/customers?q=bob`);
    await expect(page.getByLabel('Search customers')).toHaveValue('bob');
    expect(consoleErrors).toEqual([]);
  });

  test('a team administrator is shown as such', async ({ page }) => {
    await signInToAdmin(page, operators.downtownAdmin.email);
    await page.goto(`${ADMIN_URL}/customers?q=alice`);
    await page.getByRole('link', { name: 'Alice Anderson' }).click();

    await expect(page.getByRole('region', { name: 'Teams' })).toContainText('Team administrator');
  });

  test('search and page are deep-linkable; an empty search says so', async ({
    page,
    consoleErrors,
  }) => {
    await signInToAdmin(page, operators.owner.email);

    await page.goto(`${ADMIN_URL}/customers?q=carol&page=1`);
    await expect(page.getByLabel('Search customers')).toHaveValue('carol');
    const table = page.getByRole('table', { name: 'Customers' });
    // Carol has a profile at each location; the owner sees both.
    await expect(table.getByRole('link', { name: 'Carol Clark' })).toHaveCount(2);
    await expect(table.getByRole('cell', { name: 'Riverside Works' })).toBeVisible();

    await page.goto(`${ADMIN_URL}/customers?q=nobody-by-this-name`);
    await expect(page.getByText('No customers match')).toBeVisible();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(page).toHaveURL(`${ADMIN_URL}/customers`);
    await expect(table.getByRole('link', { name: 'Bob Brown' })).toBeVisible();

    // A cursor past the last name, as a link kept while customers were removed would be.
    const pastTheEnd = Buffer.from(JSON.stringify({ s: 'name', k: '~', i: 1 })).toString(
      'base64url',
    );
    await page.goto(`${ADMIN_URL}/customers?after=${pastTheEnd}&page=9`);
    await expect(page.getByText('Nothing on this page any more')).toBeVisible();
    await page.getByRole('button', { name: 'Go to the first page' }).click();
    await expect(page).toHaveURL(`${ADMIN_URL}/customers`);
    expect(consoleErrors).toEqual([]);
  });

  test('pages forward and back by cursor, with the page in the URL', async ({
    page,
    consoleErrors,
  }) => {
    const { tag } = await seedCustomers(30);
    await signInToAdmin(page, operators.owner.email);
    await page.goto(`${ADMIN_URL}/customers?q=${tag}`);
    const table = page.getByRole('table', { name: 'Customers' });
    const pager = page.getByRole('navigation', { name: 'Pagination' });
    await expect(pager).toContainText('Showing 1–25 of 30 customers');
    await expect(pager.getByRole('button', { name: 'Previous' })).toBeDisabled();

    await pager.getByRole('button', { name: 'Next' }).click();
    await expect(page).toHaveURL(/[?&]after=[\w-]+/);
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(pager).toContainText('Showing 26–30 of 30 customers');
    await expect(table.getByRole('link')).toHaveText(
      ['26', '27', '28', '29', '30'].map((n) => `Pager ${tag} ${n}`),
    );
    await expect(pager.getByRole('button', { name: 'Next' })).toBeDisabled();

    // The URL says where the operator is: a reload shows the same page.
    await page.reload();
    await expect(pager).toContainText('Showing 26–30 of 30 customers');

    await pager.getByRole('button', { name: 'Previous' }).click();
    await expect(page).toHaveURL(`${ADMIN_URL}/customers?q=${tag}`);
    await expect(table.getByRole('link').first()).toHaveText(`Pager ${tag} 01`);
    expect(consoleErrors).toEqual([]);
  });

  test('filters by status, team and location, and sorts', async ({ page, consoleErrors }) => {
    await signInToAdmin(page, operators.owner.email);
    await page.goto(`${ADMIN_URL}/customers`);
    const table = page.getByRole('table', { name: 'Customers' });
    await expect(table.getByRole('link', { name: 'Dave Davis' })).toBeVisible();

    await page.getByLabel('Status').selectOption({ label: 'Suspended' });
    await expect(page).toHaveURL(`${ADMIN_URL}/customers?status=inactive`);
    await expect(table.getByRole('link', { name: 'Dave Davis' })).toBeVisible();
    await expect(table.getByRole('link', { name: 'Bob Brown' })).toHaveCount(0);
    await expect(table.getByText('Suspended')).toHaveCount(1);

    await page.getByLabel('Status').selectOption({ label: 'Active' });
    await page.getByRole('button', { name: /^Team/ }).click();
    await page.getByRole('combobox', { name: 'Search teams' }).fill('Acme');
    await page.getByRole('combobox', { name: 'Search teams' }).press('Enter');
    await expect(page).toHaveURL(/[?&]team=\d+/);
    await expect(table.getByRole('link')).toHaveText(['Alice Anderson', 'Bob Brown']);

    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(page).toHaveURL(`${ADMIN_URL}/customers`);

    await page.getByLabel('Location').selectOption({ label: 'Riverside Works' });
    await expect(table.getByRole('link')).toHaveText(['Carol Clark', 'Erin Evans']);

    await page.getByRole('button', { name: 'Name' }).click();
    await expect(page).toHaveURL(/dir=desc/);
    await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await expect(table.getByRole('link')).toHaveText(['Erin Evans', 'Carol Clark']);
    expect(consoleErrors).toEqual([]);
  });
});
