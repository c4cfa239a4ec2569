import { banner, PortalApi, signInToPortal, stepShots } from '../support/portal';
import { PORTAL_URL, TOKEN_SECONDS } from '../support/system';
import { expect, test } from '../support/test';

const unusable = "This link can't be used";

test('a used impersonation link shows why it cannot be used, and the way back', async ({
  page,
  consoleErrors,
}) => {
  const shot = stepShots('flow-5-used-token');
  await signInToPortal(page, 'alice@example.com');
  // Alice's own browser makes the link: a team administrator's link opens only there.
  const token = await PortalApi.of(page).teamAdminToken(
    'Bob Brown',
    `Used-link check ${Date.now().toString(36)}`,
  );

  // First use: it works, and the token leaves the address bar at once.
  await page.goto(`${PORTAL_URL}/impersonate#token=${token}`);
  await expect(page).toHaveURL(`${PORTAL_URL}/`);
  await expect(banner(page)).toContainText('Viewing as Bob Brown');
  await shot(page, 'first-use-opens-bob');
  await banner(page).getByRole('button', { name: 'Exit' }).click();
  await expect(page).toHaveURL(`${PORTAL_URL}/team`);
  await expect(banner(page)).toHaveCount(0);

  // Second use of the same link.
  await page.goto(`${PORTAL_URL}/impersonate#token=${token}`);
  await expect(page.getByRole('heading', { level: 1, name: unusable })).toBeVisible();
  await expect(page.getByText('expired, has already been used, or was revoked')).toBeVisible();
  await expect(page).toHaveURL(`${PORTAL_URL}/impersonate`);
  await expect(banner(page)).toHaveCount(0);
  await shot(page, 'second-use-refused');

  await page.getByRole('link', { name: 'Back to the portal' }).click();
  await expect(page).toHaveURL(`${PORTAL_URL}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Alice Anderson' })).toBeVisible();

  // The refused exchange is the only error the console may show (the 401 of that request).
  expect(consoleErrors.filter((error) => !error.includes('401'))).toEqual([]);
});

test('a tampered or missing token shows the same error state', async ({ page }) => {
  await page.goto(`${PORTAL_URL}/impersonate#token=eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.`);
  await expect(page.getByRole('heading', { level: 1, name: unusable })).toBeVisible();
  await expect(page).toHaveURL(`${PORTAL_URL}/impersonate`);

  await page.goto(`${PORTAL_URL}/impersonate`);
  await expect(page.getByRole('heading', { level: 1, name: unusable })).toBeVisible();
  await expect(page.getByText('does not contain an access link')).toBeVisible();
});

test('an expired impersonation link shows the error state', async ({ page }) => {
  // One-time tokens live TOKEN_SECONDS in this system; wait that out.
  test.setTimeout(60_000 + TOKEN_SECONDS * 1000);
  const shot = stepShots('flow-5-expired-token');
  const alice = await PortalApi.signedIn('alice@example.com');
  const token = await alice.teamAdminToken(
    'Bob Brown',
    `Expired-link check ${Date.now().toString(36)}`,
  );
  await page.waitForTimeout((TOKEN_SECONDS + 2) * 1000);

  await page.goto(`${PORTAL_URL}/impersonate#token=${token}`);
  await expect(page.getByRole('heading', { level: 1, name: unusable })).toBeVisible();
  await expect(page).toHaveURL(`${PORTAL_URL}/impersonate`);
  await shot(page, 'expired-refused');
  await alice.dispose();
});
