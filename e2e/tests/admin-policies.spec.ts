import { type Page } from '@playwright/test';
import { expectNoSeriousViolations } from '../support/accessibility';
import { adminTrpc, operators, signInToAdmin } from '../support/admin';
import { ADMIN_URL, artifactPath } from '../support/system';
import { expect, test } from '../support/test';

const READ_ONLY_NOTE = 'Only ADMINs and OWNERs of this location can change its policy';

interface PolicyEntry {
  location: { id: number; name: string };
  policy: Record<string, boolean | number>;
}

/** Puts Riverside back to the defaults through the API, should the test stop half-way. */
async function restoreRiverside(page: Page) {
  const entries = await adminTrpc<PolicyEntry[]>(page.request, 'policies.list', undefined, {
    mutation: false,
  });
  const riverside = entries.find((entry) => entry.location.name === 'Riverside Works');
  if (!riverside) return;
  await adminTrpc(page.request, 'policies.update', {
    locationId: riverside.location.id,
    policy: { ...riverside.policy, reasonRequired: false, maxSessionMinutes: 60 },
  });
}

test.describe('location policies', () => {
  test('an ADMIN changes their location’s policy, and it persists', async ({
    page,
    consoleErrors,
  }) => {
    await signInToAdmin(page, operators.riversideAdmin.email);
    try {
      await page.goto(`${ADMIN_URL}/policies`);
      await expect(page.getByRole('heading', { level: 1, name: 'Policies' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Policies' })).toHaveAttribute(
        'aria-current',
        'page',
      );

      const card = page.getByRole('region', { name: 'Riverside Works' });
      const reason = card.getByRole('switch', { name: 'A reason is always required' });
      const minutes = card.getByLabel('Maximum session length (minutes)');
      await expect(reason).toBeEnabled();
      await expect(card).not.toContainText(READ_ONLY_NOTE);
      for (const name of [
        'Operators can impersonate customers',
        'Team administrators can impersonate their members',
        'Full access allowed',
      ]) {
        await expect(card.getByRole('switch', { name })).toBeEnabled();
      }

      // Keyboard: Space toggles the focused switch.
      await reason.focus();
      await page.keyboard.press('Space');
      await expect(reason).toBeChecked();
      await minutes.fill('30');
      await card.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText('Policy saved')).toBeVisible();
      await expectNoSeriousViolations(page, 'the saved toast shown');

      await page.reload();
      await expect(reason).toBeChecked();
      await expect(minutes).toHaveValue('30');
      await page.screenshot({ path: artifactPath('admin-policies.png'), fullPage: true });

      await minutes.fill('2');
      await card.getByRole('button', { name: 'Save' }).click();
      await expect(minutes).toHaveAttribute('aria-invalid', 'true');
      await expect(minutes).toHaveAccessibleDescription(/Enter a whole number of minutes from 5/);
      await expect(minutes).toBeFocused();

      // Back to the defaults, through the page.
      await minutes.fill('60');
      await expect(minutes).not.toHaveAttribute('aria-invalid', 'true');
      await reason.click();
      await expect(reason).not.toBeChecked();
      await card.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText('Policy saved')).toHaveCount(1, { timeout: 10_000 });
      await page.reload();
      await expect(reason).not.toBeChecked();
      await expect(minutes).toHaveValue('60');
      expect(consoleErrors).toEqual([]);
    } finally {
      await restoreRiverside(page);
    }
  });

  test('a VIEWER sees the policy but cannot change it', async ({ page, consoleErrors }) => {
    await signInToAdmin(page, operators.downtownViewer.email);
    await page.goto(`${ADMIN_URL}/policies`);

    const card = page.getByRole('region', { name: 'Downtown Hub' });
    await expect(card).toContainText(READ_ONLY_NOTE);
    for (const name of [
      'Operators can impersonate customers',
      'Team administrators can impersonate their members',
      'Full access allowed',
      'A reason is always required',
    ]) {
      await expect(card.getByRole('switch', { name })).toBeDisabled();
    }
    await expect(card.getByLabel('Maximum session length (minutes)')).toBeDisabled();
    await expect(card.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(consoleErrors).toEqual([]);
  });
});
