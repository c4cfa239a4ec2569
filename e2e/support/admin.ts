import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_URL, PORTAL_URL } from './system';

/** The password of every demo account (DESIGN.md, "Demo data"). */
export const DEMO_PASSWORD = 'hotdesk-demo';

export const operators = {
  owner: { email: 'owner@hotdesk.test', name: 'Olivia Owner' },
  downtownAdmin: { email: 'admin@downtown.hotdesk.test', name: 'Dana Downtown' },
  downtownViewer: { email: 'viewer@downtown.hotdesk.test', name: 'Victor Viewer' },
  riversideAdmin: { email: 'admin@riverside.hotdesk.test', name: 'Rita Riverside' },
} as const;

/** Text no other test writes, to find this test's own rows in shared tables. */
export function uniqueText(prefix: string): string {
  return `${prefix} ${randomBytes(4).toString('hex')}`;
}

/** Calls an admin tRPC procedure the way the app does (superjson, same-origin POST for mutations). */
export async function adminTrpc<T = unknown>(
  request: APIRequestContext,
  procedure: string,
  input: unknown,
  { mutation = true }: { mutation?: boolean } = {},
): Promise<T> {
  const url = `${ADMIN_URL}/api/trpc/${procedure}`;
  const response = mutation
    ? await request.post(url, { data: { json: input }, headers: { origin: ADMIN_URL } })
    : await request.get(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!response.ok() || !body.result) {
    throw new Error(`${procedure} failed (${response.status()}): ${JSON.stringify(body.error)}`);
  }
  return body.result.data.json;
}

/**
 * Signs the page's browser context in to the admin app through the API: quick, for tests
 * whose subject is not sign-in itself.
 */
export async function signInToAdmin(page: Page, email: string): Promise<void> {
  await adminTrpc(page.request, 'session.signIn', { email, password: DEMO_PASSWORD });
}

/** The id of the demo customer with this e-mail address (at the first matching location). */
export async function customerIdByEmail(page: Page, email: string): Promise<number> {
  const result = await adminTrpc<{ rows: Array<{ id: number; email: string | null }> }>(
    page.request,
    'coworkers.search',
    { query: email },
    { mutation: false },
  );
  const row = result.rows.find((candidate) => candidate.email === email);
  expect(row, `customer ${email}`).toBeTruthy();
  return row!.id;
}

/** Opens the customer page of the demo customer with this e-mail address; returns their id. */
export async function openCustomer(page: Page, email: string): Promise<number> {
  const id = await customerIdByEmail(page, email);
  await page.goto(`${ADMIN_URL}/customers/${id}`);
  return id;
}

/**
 * The operator opens the member's portal in this page (read-only unless `mode` says FULL), as
 * the admin app hands it over (the one-time token in the URL fragment), and waits for the
 * member's dashboard. Returns the view's id.
 */
export async function viewPortalAsOperator(
  page: Page,
  {
    operator,
    member,
    reason,
    mode = 'READ_ONLY',
  }: { operator: string; member: string; reason: string; mode?: 'READ_ONLY' | 'FULL' },
): Promise<{ impersonationId: string }> {
  await signInToAdmin(page, operator);
  const { token, impersonationId } = await adminTrpc<{ token: string; impersonationId: string }>(
    page.request,
    'impersonation.start',
    { coworkerId: await customerIdByEmail(page, member), reason, mode },
  );
  await page.goto(`${PORTAL_URL}/impersonate#token=${token}`);
  await expect(page).toHaveURL(`${PORTAL_URL}/`);
  return { impersonationId };
}

/** Records the arguments of every `window.open` of the admin page (the tests run without DOM types). */
export async function spyOnWindowOpen(page: Page): Promise<() => Promise<string[][]>> {
  await page.evaluate(`(() => {
    const original = window.open.bind(window);
    window.__opened = [];
    window.open = (...args) => {
      window.__opened.push(args);
      return original(...args);
    };
  })()`);
  return async () => (await page.evaluate('window.__opened')) as string[][];
}

/** Console errors other than the browser's own note about an HTTP error answer (a 4xx is expected). */
export function appErrors(consoleErrors: string[]): string[] {
  return consoleErrors.filter((line) => !line.includes('Failed to load resource'));
}
