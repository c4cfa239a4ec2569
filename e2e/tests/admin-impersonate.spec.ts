import {
  adminTrpc,
  customerIdByEmail,
  openCustomer,
  operators,
  signInToAdmin,
  spyOnWindowOpen,
  uniqueText,
} from '../support/admin';
import { ADMIN_URL, artifactPath, PORTAL_URL, TOKEN_SECONDS } from '../support/system';
import { expect, test } from '../support/test';

test.describe('impersonating a customer', () => {
  test('is unavailable, with the reason shown, for a suspended customer', async ({
    page,
    consoleErrors,
  }) => {
    await signInToAdmin(page, operators.downtownAdmin.email);
    await openCustomer(page, 'dave@example.com');

    await expect(page.getByRole('heading', { level: 1, name: 'Dave Davis' })).toBeVisible();
    const button = page.getByRole('button', { name: 'Impersonate' });
    await expect(button).toBeDisabled();
    const why = 'This member is suspended (inactive) and cannot be viewed.';
    await expect(page.getByTestId('impersonation-refusal')).toHaveText(why);
    await expect(button).toHaveAccessibleDescription(why);
    expect(consoleErrors).toEqual([]);
  });

  test('is unavailable to a VIEWER, who can still look', async ({ page, consoleErrors }) => {
    await signInToAdmin(page, operators.downtownViewer.email);
    await openCustomer(page, 'bob@example.com');

    await expect(page.getByRole('heading', { level: 1, name: 'Bob Brown' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Impersonate' })).toBeDisabled();
    await expect(page.getByTestId('impersonation-refusal')).toHaveText(
      'Your role does not allow impersonating customers.',
    );
    expect(consoleErrors).toEqual([]);
  });

  test('the dialog says what will happen, defaults to read-only, and full access needs a reason', async ({
    page,
    context,
    consoleErrors,
  }) => {
    await signInToAdmin(page, operators.downtownAdmin.email);
    await openCustomer(page, 'bob@example.com');
    const opened = await spyOnWindowOpen(page);

    await page.getByRole('button', { name: 'Impersonate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Impersonate Bob Brown' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('signed in as Bob Brown at Downtown Hub');
    await expect(dialog.getByRole('radio', { name: 'Read-only' })).toBeChecked();
    await expect(dialog.getByRole('radio', { name: 'Full access' })).not.toBeChecked();
    const terms = dialog.getByTestId('impersonation-terms');
    await expect(terms).toContainText(`within ${TOKEN_SECONDS} seconds`);
    await expect(terms).toContainText('up to 60 minutes');
    // Downtown does not require a reason to look: the server says so, the form follows.
    await expect(dialog.getByText('(optional)')).toBeVisible();
    await page.screenshot({ path: artifactPath('admin-impersonate-dialog.png') });

    // Full access is an explicit choice, says what it allows, and needs a reason.
    await dialog.getByText('Full access').click();
    await expect(dialog.getByRole('radio', { name: 'Full access' })).toBeChecked();
    await expect(dialog).toContainText('Use it only when the task needs it.');
    await expect(dialog).toContainText('team permissions stay as they are');
    await expect(dialog.getByText('(required)')).toBeVisible();
    await dialog.getByRole('button', { name: 'Open portal' }).click();
    await expect(dialog.getByText(/^Enter a reason\./)).toBeVisible();
    await expect(dialog.getByLabel('Reason')).toBeFocused();
    await expect(dialog.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
    // Whitespace is not a reason either.
    await dialog.getByLabel('Reason').fill('   ');
    await dialog.getByRole('button', { name: 'Open portal' }).click();
    await expect(dialog.getByText(/^Enter a reason\./)).toBeVisible();
    expect(await opened()).toEqual([]);
    expect(context.pages()).toHaveLength(1);

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Impersonate' })).toBeFocused();

    // Reopened, it starts over: read-only, no reason.
    await page.getByRole('button', { name: 'Impersonate' }).click();
    await expect(dialog.getByRole('radio', { name: 'Read-only' })).toBeChecked();
    await expect(dialog.getByLabel('Reason')).toHaveValue('');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(consoleErrors).toEqual([]);
  });

  test('opens the portal in a new tab with the token in the fragment, shows it live, and revokes it', async ({
    page,
    context,
    consoleErrors,
  }) => {
    const reason = uniqueText('E2E ticket');
    await signInToAdmin(page, operators.downtownAdmin.email);
    const bobId = await openCustomer(page, 'bob@example.com');
    const opened = await spyOnWindowOpen(page);

    await page.getByRole('button', { name: 'Impersonate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Impersonate Bob Brown' });
    await dialog.getByLabel('Reason').fill(reason);
    const portalRequest = context.waitForEvent('request', (request) =>
      request.url().startsWith(`${PORTAL_URL}/impersonate`),
    );
    const newTab = context.waitForEvent('page');
    await dialog.getByRole('button', { name: 'Open portal' }).click();

    await expect.poll(opened).toHaveLength(1);
    const [[url, target, features]] = (await opened()) as [[string, string, string]];
    expect(target).toBe('_blank');
    expect(features).toBe('noopener,noreferrer');
    expect(url).toMatch(
      new RegExp(`^${PORTAL_URL}/impersonate#token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`),
    );
    const tab = await newTab;
    // The token never reaches a server: the tab asks for the page with no query string.
    expect((await portalRequest).url()).toBe(`${PORTAL_URL}/impersonate`);
    expect(tab).not.toBe(page);
    await expect(page.getByText('Portal opened as Bob Brown')).toBeVisible();
    await expect(dialog).toBeHidden();

    // The customer's own history lists it at once.
    const history = page.getByRole('region', { name: 'Impersonation history' });
    await expect(history.getByRole('row', { name: new RegExp(reason) })).toContainText(
      'Dana Downtown',
    );

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Active impersonations' })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Active impersonations' }),
    ).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(reason) });
    await expect(row).toContainText('Bob Brown');
    await expect(row).toContainText('Dana Downtown');
    await expect(row).toContainText('Read-only');
    const timeLeft = row.getByTestId('time-left');
    await expect(timeLeft).toHaveText(/^\d{1,2}:\d{2}$/);
    const before = await timeLeft.textContent();
    await expect(timeLeft).not.toHaveText(before ?? '', { timeout: 3000 });
    await expect(row.getByRole('link', { name: 'Bob Brown' })).toHaveAttribute(
      'href',
      `/customers/${bobId}`,
    );
    await page.screenshot({ path: artifactPath('admin-impersonations.png'), fullPage: true });

    await row.getByRole('button', { name: 'Revoke' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revoke this impersonation?' });
    await expect(confirm).toContainText('Dana Downtown is viewing the portal as Bob Brown');
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await expect(page.getByText('Impersonation revoked')).toBeVisible();
    await expect(row).toHaveCount(0);
    await tab.close();
    expect(consoleErrors).toEqual([]);
  });

  test('the active list updates without a reload', async ({ page, consoleErrors }) => {
    const reason = uniqueText('Started elsewhere');
    await signInToAdmin(page, operators.downtownAdmin.email);
    const aliceId = await customerIdByEmail(page, 'alice@example.com');
    await page.goto(`${ADMIN_URL}/impersonations`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Active impersonations' }),
    ).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(reason) });
    await expect(row).toHaveCount(0);

    // Another operator tab (the API here) starts one; this page notices on its own.
    const grant = await adminTrpc<{ impersonationId: string }>(
      page.request,
      'impersonation.start',
      {
        coworkerId: aliceId,
        reason,
        mode: 'FULL',
      },
    );
    await expect(row).toContainText('Alice Anderson', { timeout: 10_000 });
    await expect(row).toContainText('Full access');
    await expect(row).toContainText('Waiting for portal');

    await adminTrpc(page.request, 'impersonation.revoke', {
      impersonationId: grant.impersonationId,
    });
    await expect(row).toHaveCount(0, { timeout: 10_000 });
    expect(consoleErrors).toEqual([]);
  });
});
