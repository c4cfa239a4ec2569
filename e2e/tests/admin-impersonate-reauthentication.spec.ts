import { type Page } from '@playwright/test';
import { expectNoSeriousViolations } from '../support/accessibility';
import {
  adminTrpc,
  appErrors,
  DEMO_PASSWORD,
  openCustomer,
  operators,
  signInToAdmin,
  spyOnWindowOpen,
  uniqueText,
} from '../support/admin';
import { letPasswordProofLapse } from '../support/database';
import { banner } from '../support/portal';
import { PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

interface Grant {
  id: string;
  reason: string | null;
  mode: 'READ_ONLY' | 'FULL';
  status: 'pending' | 'active' | 'ended';
}

/** The grants the server holds for this customer under this test's reason. */
async function grantsWithReason(page: Page, coworkerId: number, reason: string) {
  const grants = await adminTrpc<Grant[]>(
    page.request,
    'impersonation.ofCustomer',
    { coworkerId },
    { mutation: false },
  );
  return grants.filter((grant) => grant.reason === reason);
}

test('full access asks for the operator’s password again; a wrong one issues nothing', async ({
  page,
  context,
  consoleErrors,
}) => {
  const reason = uniqueText('E2E full access');
  await signInToAdmin(page, operators.downtownAdmin.email);
  // A sign-in is itself a fresh proof for a few minutes; this operator signed in a while ago.
  await letPasswordProofLapse(page, 'admin');
  const bobId = await openCustomer(page, 'bob@example.com');
  try {
    await expect(page.getByRole('heading', { level: 1, name: 'Bob Brown' })).toBeVisible();
    const opened = await spyOnWindowOpen(page);

    await page.getByRole('button', { name: 'Impersonate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Impersonate Bob Brown' });
    await dialog.getByLabel('Reason').fill(reason);
    // Downtown keeps the default policy, which allows full access.
    const full = dialog.getByRole('radio', { name: 'Full access' });
    await expect(full).toBeEnabled();
    await dialog.getByText('Full access', { exact: true }).click();
    await expect(full).toBeChecked();
    // The server's answer says a fresh password is due: the form asks before anything is sent.
    const password = dialog.getByLabel('Your password');
    await expect(dialog.getByText('Confirm it is you')).toBeVisible();
    await expectNoSeriousViolations(page, 'the impersonate dialog asking for the password');
    // Submitted before its script runs, the form would post the password, never put it in a URL.
    await expect(password.locator('xpath=ancestor::form')).toHaveAttribute('method', 'post');
    const openPortal = dialog.getByRole('button', { name: 'Open portal' });
    await openPortal.click();
    await expect(password).toHaveAccessibleDescription('Enter your password.');
    await expect(password).toBeFocused();
    expect(await opened()).toEqual([]);
    expect(await grantsWithReason(page, bobId, reason)).toEqual([]);

    await password.fill('not-the-password');
    await openPortal.click();
    await expect(password).toHaveAccessibleDescription('The password is incorrect.');
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toHaveValue('');
    await expect(password).toBeFocused();
    await expect(dialog).toBeVisible();
    expect(await opened()).toEqual([]);
    expect(context.pages()).toHaveLength(1);
    expect(await grantsWithReason(page, bobId, reason)).toEqual([]);

    await password.fill(DEMO_PASSWORD);
    const newTab = context.waitForEvent('page');
    await openPortal.click();

    await expect.poll(opened).toHaveLength(1);
    const [[url]] = (await opened()) as [[string]];
    expect(url).toMatch(
      new RegExp(`^${PORTAL_URL}/impersonate#token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`),
    );
    await expect(page.getByText('Portal opened as Bob Brown')).toBeVisible();
    await expect(dialog).toBeHidden();
    const tab = await newTab;
    await expect(banner(tab)).toContainText('Viewing as Bob Brown');
    await expect(banner(tab)).toContainText('Full access');
    await expect(
      page.getByRole('region', { name: 'Impersonation history' }).getByRole('row', {
        name: new RegExp(reason),
      }),
    ).toContainText('Full access');
    const [grant] = await grantsWithReason(page, bobId, reason);
    expect(grant).toMatchObject({ mode: 'FULL', status: 'active' });
    await tab.close();
    expect(appErrors(consoleErrors)).toEqual([]);
  } finally {
    // Bob's live view ends with the test, however far it got.
    for (const grant of await grantsWithReason(page, bobId, reason)) {
      if (grant.status !== 'ended') {
        await adminTrpc(page.request, 'impersonation.revoke', { impersonationId: grant.id });
      }
    }
  }
});
