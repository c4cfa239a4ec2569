import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { DEMO_PASSWORD, operators } from '../support/admin';
import { banner } from '../support/portal';
import { useOwnSystem } from '../support/own-system';
import { expect, test } from '../support/test';

// Its own system: a second approval switched on at Downtown would hold up every other spec's
// full view there while this one runs.
const system = useOwnSystem({});
test.describe.configure({ mode: 'serial' });

const adminUrl = () => system().instance('admin').url;
const portalUrl = () => system().instance('portal').url;

/** An admin tRPC call as the app makes it; the HTTP status and the answer's data. */
async function adminCall(
  request: APIRequestContext,
  procedure: string,
  input: unknown,
  { mutation = true }: { mutation?: boolean } = {},
): Promise<{ status: number; data: unknown }> {
  const url = `${adminUrl()}/api/trpc/${procedure}`;
  const response = mutation
    ? await request.post(url, { data: { json: input }, headers: { origin: adminUrl() } })
    : await request.get(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await response.json()) as { result?: { data: { json: unknown } } };
  return { status: response.status(), data: body.result?.data.json };
}

/** Each person's own browser; closed after the test. */
const contexts: BrowserContext[] = [];
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function signedInAdmin(browser: Browser, email: string): Promise<Page> {
  const page = await newPage(browser);
  const signIn = await adminCall(page.request, 'session.signIn', {
    email,
    password: DEMO_PASSWORD,
  });
  expect(signIn.status, `sign-in of ${email}`).toBe(200);
  return page;
}

async function bobId(page: Page): Promise<number> {
  const found = await adminCall(
    page.request,
    'coworkers.search',
    { query: 'bob@example.com' },
    { mutation: false },
  );
  const rows = (found.data as { rows: Array<{ id: number; email: string | null }> }).rows;
  const bob = rows.find((row) => row.email === 'bob@example.com');
  expect(bob, 'Bob among the customers').toBeTruthy();
  return bob!.id;
}

test('a full view waits for a second operator; the requester cannot approve their own', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const olivia = await signedInAdmin(browser, operators.owner.email);
  const dana = await signedInAdmin(browser, operators.downtownAdmin.email);

  // Olivia (OWNER) asks Downtown for a second approval of full access.
  await olivia.goto(`${adminUrl()}/policies`);
  const downtown = olivia.getByRole('region', { name: 'Downtown Hub' });
  const needsApproval = downtown.getByRole('switch', {
    name: 'Full access needs a second approval',
  });
  await expect(needsApproval).not.toBeChecked();
  await needsApproval.click();
  await downtown.getByRole('button', { name: 'Save' }).click();
  await expect(olivia.getByText('Policy saved')).toBeVisible();

  // Dana (ADMIN) asks for full access to Bob: the dialog offers to request approval.
  await dana.goto(`${adminUrl()}/customers/${await bobId(dana)}`);
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
