import { type Page } from '@playwright/test';

import { DEMO_PASSWORD, operators } from '../support/admin';
import { banner } from '../support/portal';
import { useOwnSystem } from '../support/own-system';
import { ownSystemAdmin } from '../support/own-system-admin';
import { expect, test } from '../support/test';

// Its own system: a second approval switched on at Downtown would hold up every other spec's
// full view there while this one runs.
const system = useOwnSystem({});
test.describe.configure({ mode: 'serial' });

const adminUrl = () => system().instance('admin').url;
const portalUrl = () => system().instance('portal').url;

const admin = ownSystemAdmin(adminUrl);
const adminCall = admin.call;
const newPage = admin.newPage;
const signedInAdmin = admin.signedIn;

test('a full view waits for a second operator; the requester cannot approve their own', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const olivia = await signedInAdmin(browser, operators.owner.email);
  const dana = await signedInAdmin(browser, operators.downtownAdmin.email);

  // Olivia (OWNER) asks Downtown for a second approval of full access.
  await admin.turnOnPolicySwitch(olivia, 'Downtown Hub', 'Full access needs a second approval');

  // Dana (ADMIN) asks for full access to Bob: the dialog offers to request approval.
  await dana.goto(`${adminUrl()}/customers/${await admin.customerId(dana, 'bob@example.com')}`);
  await dana.getByRole('button', { name: 'Impersonate' }).click();
  const dialog = dana.getByRole('dialog', { name: 'Impersonate Bob Brown' });
  await dialog.getByText('Full access', { exact: true }).click();
  await expect(dialog.getByTestId('approval-needed')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Open portal' })).toHaveCount(0);
  await dialog.getByLabel('Reason').fill('Ticket 88: fix the billing address');
  await dialog.getByRole('button', { name: 'Request approval' }).click();
  await expect(dialog.getByTestId('approval-waiting')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Waiting for approval' })).toBeDisabled();

  // Dana sees her own request without an Approve button, and the server refuses it anyway.
  const danaList = await dana.context().newPage();
  await danaList.goto(`${adminUrl()}/approvals`);
  const own = danaList.getByTestId('access-request');
  await expect(own).toContainText('Dana Downtown asks for');
  await expect(own.getByTestId('cannot-decide')).toContainText(
    'You cannot decide on your own request',
  );
  await expect(own.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  const pending = await adminCall(danaList.request, 'accessRequests.pending', undefined, {
    mutation: false,
  });
  const [request] = pending.data as Array<{ id: string }>;
  const selfApproval = await adminCall(danaList.request, 'accessRequests.approve', {
    requestId: request!.id,
  });
  expect(selfApproval.status).toBe(403);
  await danaList.close();

  // Olivia approves it in the admin app.
  await olivia.goto(`${adminUrl()}/approvals`);
  await expect(olivia.getByTestId('approvals-count')).toHaveText('1 waiting for you');
  const waiting = olivia.getByTestId('access-request');
  await expect(waiting).toContainText('Dana Downtown asks for');
  await expect(waiting).toContainText('Bob Brown');
  await expect(waiting).toContainText('Ticket 88: fix the billing address');
  await waiting.getByRole('button', { name: 'Approve' }).click();
  await expect(olivia.getByText('Request approved')).toBeVisible();
  await expect(olivia.getByTestId('access-request')).toHaveCount(0);

  // Dana's dialog learns of it by itself, and opens the portal in full access.
  await expect(dialog.getByTestId('approval-approved')).toContainText('Approved by Olivia Owner');
  const [portal] = await Promise.all([
    dana.context().waitForEvent('page'),
    dialog.getByRole('button', { name: 'Open portal' }).click(),
  ]);
  await expect(portal).toHaveURL(`${portalUrl()}/`);
  const bar = banner(portal);
  await expect(bar).toContainText('Viewing as Bob Brown');
  await expect(bar).toContainText('by Dana Downtown');
  await expect(bar).toContainText('Full access');

  // Bob's account activity names both.
  const bob = await newPage(browser);
  await bob.goto(`${portalUrl()}/sign-in`);
  await bob.getByLabel('Email').fill('bob@example.com');
  await bob.getByLabel('Password').fill(DEMO_PASSWORD);
  await bob.getByRole('button', { name: 'Sign in' }).click();
  await expect(bob).toHaveURL(`${portalUrl()}/`);
  await bob.goto(`${portalUrl()}/account/activity`);
  const row = bob.getByRole('row', { name: /Dana Downtown/ });
  await expect(row).toContainText('approved by Olivia Owner');
});

test('the requester is told how a request ended on whatever page they are', async ({ browser }) => {
  test.setTimeout(120_000);
  const olivia = await signedInAdmin(browser, operators.owner.email);
  const dana = await signedInAdmin(browser, operators.downtownAdmin.email);
  await secondApprovalAtDowntown(olivia);
  const bobId = await admin.customerId(dana, 'bob@example.com');

  const askAndLeave = async (reason: string) => {
    await dana.goto(`${adminUrl()}/customers/${bobId}`);
    await dana.getByRole('button', { name: 'Impersonate' }).click();
    const dialog = dana.getByRole('dialog', { name: 'Impersonate Bob Brown' });
    await dialog.getByText('Full access', { exact: true }).click();
    await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: 'Request approval' }).click();
    await expect(dialog.getByTestId('approval-waiting')).toBeVisible();
    await dana.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  };
  const decide = async (verb: 'approve' | 'deny') => {
    const pending = await adminCall(olivia.request, 'accessRequests.pending', undefined, {
      mutation: false,
    });
    const [request] = pending.data as Array<{ id: string }>;
    expect(
      (await adminCall(olivia.request, `accessRequests.${verb}`, { requestId: request!.id }))
        .status,
    ).toBe(200);
  };

  // Asked, then off to the audit log: the denial reaches Dana there.
  await askAndLeave('Ticket 90: the invoice address');
  await dana.goto(`${adminUrl()}/audit`);
  await expect(dana.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await decide('deny');
  await expect(dana.getByText('Denied: Full access to Bob Brown')).toBeVisible();
  await expect(dana.getByText('Another ADMIN or OWNER of Downtown Hub said no.')).toBeVisible();

  // Asked again, then waiting under Approvals: the approval comes with the way to Bob.
  await askAndLeave('Ticket 90: asked again, with the customer on the phone');
  await dana.goto(`${adminUrl()}/approvals`);
  const own = dana.getByRole('region', { name: 'Your requests' }).getByTestId('own-request');
  await expect(own.filter({ hasText: 'Waiting: Full access to Bob Brown' })).toBeVisible();
  await decide('approve');
  const toast = dana.locator('[data-sonner-toast]', {
    hasText: 'Approved: Full access to Bob Brown',
  });
  await expect(toast).toContainText('Approved by Olivia Owner');
  await expect(own.filter({ hasText: 'Approved: Full access to Bob Brown' })).toBeVisible();
  await expect(own.filter({ hasText: 'Denied: Full access to Bob Brown' })).toBeVisible();
  await toast.getByRole('button', { name: 'Open customer' }).click();
  await expect(dana).toHaveURL(`${adminUrl()}/customers/${bobId}`);
});

/** Downtown asks for a second approval of full access, whichever test turned it on first. */
async function secondApprovalAtDowntown(owner: Page) {
  const policies = await adminCall(owner.request, 'policies.list', undefined, { mutation: false });
  const rows = policies.data as Array<{
    location: { name: string };
    policy: Record<string, unknown>;
  }>;
  const downtown = rows.find((row) => row.location.name === 'Downtown Hub');
  if (downtown?.policy.fullAccessNeedsSecondApproval) return;
  await admin.turnOnPolicySwitch(owner, 'Downtown Hub', 'Full access needs a second approval');
}
