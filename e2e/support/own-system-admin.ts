import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { DEMO_PASSWORD } from './admin';

/**
 * The admin app of a spec's own system (own-system.ts), called as the app calls it, and a
 * browser of their own for each person in the test.
 */
export function ownSystemAdmin(adminUrl: () => string) {
  /** An admin tRPC call; the HTTP status, the answer's data and its whole body. */
  async function call(
    request: APIRequestContext,
    procedure: string,
    input: unknown,
    { mutation = true }: { mutation?: boolean } = {},
  ): Promise<{ status: number; data: unknown; body: Record<string, unknown> }> {
    const url = `${adminUrl()}/api/trpc/${procedure}`;
    const response = mutation
      ? await request.post(url, { data: { json: input }, headers: { origin: adminUrl() } })
      : await request.get(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
    const body = (await response.json()) as Record<string, unknown>;
    const result = body.result as { data: { json: unknown } } | undefined;
    return { status: response.status(), data: result?.data.json, body };
  }

  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  /** A page in a browser of its own, closed after the test. */
  async function newPage(browser: Browser): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  async function signedIn(browser: Browser, email: string): Promise<Page> {
    const page = await newPage(browser);
    const signIn = await call(page.request, 'session.signIn', { email, password: DEMO_PASSWORD });
    expect(signIn.status, `sign-in of ${email}`).toBe(200);
    return page;
  }

  /** A customer's id, found as the customer list finds them. */
  async function customerId(page: Page, email: string): Promise<number> {
    const found = await call(
      page.request,
      'coworkers.search',
      { query: email },
      { mutation: false },
    );
    const rows = (found.data as { rows: Array<{ id: number; email: string | null }> }).rows;
    const customer = rows.find((row) => row.email === email);
    expect(customer, `${email} among the customers`).toBeTruthy();
    return customer!.id;
  }

  /** An ADMIN or OWNER turns one switch of a location's policy on, in the /policies page. */
  async function turnOnPolicySwitch(page: Page, location: string, label: string) {
    await page.goto(`${adminUrl()}/policies`);
    const card = page.getByRole('region', { name: location });
    const toggle = card.getByRole('switch', { name: label });
    await expect(toggle).not.toBeChecked();
    await toggle.click();
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Policy saved')).toBeVisible();
  }

  return { call, newPage, signedIn, customerId, turnOnPolicySwitch };
}
