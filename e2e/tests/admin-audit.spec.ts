import { readFile } from 'node:fs/promises';
import {
  adminTrpc,
  customerIdByEmail,
  operators,
  signInToAdmin,
  uniqueText,
} from '../support/admin';
import { ADMIN_URL, artifactPath, PORTAL_URL } from '../support/system';
import { type Page } from '@playwright/test';
import { expect, test } from '../support/test';

const CSV_HEADER =
  'id,occurredAt,type,actorEmail,actorName,customerId,customerName,location,impersonationId,ip,data';

/** A local calendar day as the date inputs take it. */
function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The owner views Erin's portal (Riverside): a grant, and an exchange the chart counts. */
async function impersonateErin(page: Page, reason: string) {
  const erinId = await customerIdByEmail(page, 'erin@example.com');
  const grant = await adminTrpc<{ token: string }>(page.request, 'impersonation.start', {
    coworkerId: erinId,
    reason,
  });
  const exchange = await page.request.post(
    `${PORTAL_URL}/api/sys/users/exchange?token=${grant.token}&validForInMinutes=5`,
  );
  expect(exchange.status()).toBe(200);
}

test.describe('the audit log', () => {
  test('filters by type, customer, actor, location and dates, and exports what it shows', async ({
    page,
    consoleErrors,
  }) => {
    const reason = uniqueText('Audit e2e');
    await signInToAdmin(page, operators.owner.email);
    await impersonateErin(page, reason);

    await page.goto(`${ADMIN_URL}/audit`);
    const table = page.getByRole('table', { name: 'Audit events' });
    await expect(table.getByRole('row', { name: new RegExp(reason) })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Impersonations per day' })).toBeVisible();
    await page.screenshot({ path: artifactPath('admin-audit.png'), fullPage: true });

    await page.getByLabel('Event type').selectOption('IMPERSONATION_GRANTED');
    await expect(page).toHaveURL(/type=IMPERSONATION_GRANTED/);
    await page.getByLabel('Customer').fill('erin');
    await expect(page).toHaveURL(/customer=erin/);
    const ours = table.getByRole('row', { name: new RegExp(reason) });
    await expect(ours).toContainText('Impersonation started');
    await expect(ours).toContainText('Erin Evans');
    await expect(ours).toContainText('Olivia Owner');
    await expect(ours).toContainText('Riverside Works');
    for (const event of await table.getByRole('row').all()) {
      if ((await event.getByRole('cell').count()) > 0) {
        await expect(event).toContainText('Impersonation started');
      }
    }

    await page.getByLabel('Actor').fill('Olivia');
    await expect(page).toHaveURL(/actor=Olivia/);
    await expect(ours).toBeVisible();
    await page.getByLabel('Actor').fill('nobody-at-all');
    await expect(page.getByText('No events match these filters')).toBeVisible();
    await page.getByLabel('Actor').fill('');
    await expect(ours).toBeVisible();

    await page.getByLabel('Location', { exact: true }).selectOption({ label: 'Downtown Hub' });
    await expect(page.getByText('No events match these filters')).toBeVisible();
    await page.getByLabel('Location', { exact: true }).selectOption({ label: 'Riverside Works' });
    await expect(ours).toBeVisible();

    const today = new Date();
    const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
    await page.getByLabel('From', { exact: true }).fill(isoDay(tomorrow));
    await expect(page.getByText('No events match these filters')).toBeVisible();
    await page.getByLabel('From', { exact: true }).fill(isoDay(today));
    await page.getByLabel('To', { exact: true }).fill(isoDay(today));
    await expect(ours).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`from=${isoDay(today)}&to=${isoDay(today)}`));

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('audit-log.csv');
    const csv = await readFile(await file.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.length).toBeGreaterThan(1);
    const ourLine = lines.find((line) => line.includes(reason));
    expect(ourLine).toContain(',IMPERSONATION_GRANTED,owner@hotdesk.test,Olivia Owner,');
    expect(ourLine).toContain(',Erin Evans,Riverside Works,');
    // The export holds exactly what the filters show: granted events for Erin at Riverside.
    for (const line of lines.slice(1)) {
      expect(line).toContain(',IMPERSONATION_GRANTED,');
      expect(line).toContain(',Erin Evans,Riverside Works,');
    }
    await expect(page.getByText('Audit log exported')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('a filtered view is a link: reloading keeps the filters', async ({ page }) => {
    await signInToAdmin(page, operators.owner.email);
    await page.goto(`${ADMIN_URL}/audit?type=SIGN_IN&actor=owner%40hotdesk.test`);

    await expect(page.getByLabel('Event type')).toHaveValue('SIGN_IN');
    await expect(page.getByLabel('Actor')).toHaveValue('owner@hotdesk.test');
    const rows = page.getByRole('table', { name: 'Audit events' }).getByRole('row');
    await expect(rows.nth(1)).toContainText('Signed in');
    await expect(rows.nth(1)).toContainText('Olivia Owner');
  });

  test('a location-bound operator sees only their location', async ({ page }) => {
    const reason = uniqueText('Riverside only');
    await signInToAdmin(page, operators.riversideAdmin.email);
    const erinId = await customerIdByEmail(page, 'erin@example.com');
    await adminTrpc(page.request, 'impersonation.start', { coworkerId: erinId, reason });
    await page.goto(`${ADMIN_URL}/audit?type=IMPERSONATION_GRANTED`);

    const location = page.getByLabel('Location', { exact: true });
    await expect(location.locator('option')).toHaveText(['All locations', 'Riverside Works']);
    const table = page.getByRole('table', { name: 'Audit events' });
    await expect(table.getByRole('row', { name: new RegExp(reason) })).toBeVisible();
    // Downtown customers are impersonated by other tests; none of it shows here.
    for (const name of ['Bob Brown', 'Alice Anderson', 'Dave Davis']) {
      await expect(table.getByText(name)).toHaveCount(0);
    }
  });

  test('the chart counts the portal sessions opened today', async ({ page, consoleErrors }) => {
    await signInToAdmin(page, operators.owner.email);
    await impersonateErin(page, uniqueText('Chart e2e'));
    await page.goto(`${ADMIN_URL}/audit`);

    const chart = page.getByRole('region', { name: 'Impersonations per day' });
    await expect(chart.locator('figcaption')).toContainText(
      /[1-9]\d* impersonation sessions? in the last 30 days/,
    );
    await expect(chart.locator('.recharts-bar-rectangle').last()).toBeAttached();
    expect(consoleErrors).toEqual([]);
  });
});
