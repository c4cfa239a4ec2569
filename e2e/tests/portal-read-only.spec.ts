import { banner, DEMO_PASSWORD, stepShots } from '../support/portal';
import { ADMIN_URL, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

test('a read-only view disables changes, and the server refuses them anyway', async ({
  page,
  request,
  consoleErrors,
}) => {
  const shot = stepShots('read-only-view');
  const reason = `Read-only check ${Date.now().toString(36)}`;

  // An operator's grant through the REST contract (the admin app's UI is covered cross-app).
  const signIn = await request.post(`${PORTAL_URL}/api/token`, {
    form: {
      grant_type: 'password',
      username: 'admin@downtown.hotdesk.test',
      password: DEMO_PASSWORD,
    },
  });
  const { access_token: bearer } = (await signIn.json()) as { access_token: string };
  const bob = await request.post(`${PORTAL_URL}/api/token`, {
    form: { grant_type: 'password', username: 'bob@example.com', password: DEMO_PASSWORD },
  });
  const profiles = await request.get(`${PORTAL_URL}/api/public/coworkers/profiles`, {
    headers: {
      Authorization: `Bearer ${((await bob.json()) as { access_token: string }).access_token}`,
    },
  });
  const bobId = ((await profiles.json()) as { Profiles: Array<{ Id: number }> }).Profiles[0]!.Id;
  const grant = await request.get(`${PORTAL_URL}/api/sys/users/impersonate`, {
    params: { coworkerId: bobId, reason },
    headers: { Authorization: `Bearer ${bearer}` },
  });
  const { token } = (await grant.json()) as { token: string };

  await page.goto(`${PORTAL_URL}/impersonate#token=${token}`);
  await expect(page).toHaveURL(`${PORTAL_URL}/`);
  const bar = banner(page);
  await expect(bar).toContainText('Viewing as Bob Brown');
  await expect(bar).toContainText('by Dana Downtown');
  await expect(bar).toContainText('Read-only');
  await expect(bar).toContainText(reason);

  // The controls that would change data are disabled, and say why.
  await expect(page.getByText('Read-only view')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  await expect(page.getByLabel('Full name')).toBeDisabled();
  await shot(page, 'dashboard-read-only');

  // The server refuses a change made behind the UI's back.
  const refusal = await page.evaluate(async () => {
    const response = await fetch('/api/trpc/profiles.updateDetails', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ json: { fullName: 'Not Bob', companyName: '' } }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { error: { json: { message: string } } },
    };
  });
  expect(refusal.status).toBe(403);
  expect(refusal.body.error.json.message).toBe(
    'This is a read-only impersonation: changes are not allowed.',
  );

  // A timer counts down while the page is open.
  const timer = bar.getByRole('timer');
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first ?? '');

  // The deliberate refusal above is the only failed request.
  expect(consoleErrors.filter((error) => !error.includes('403'))).toEqual([]);

  await bar.getByRole('button', { name: 'Exit' }).click();
  // Back to the customer's page in the admin app (its sign-in first, in this fresh browser).
  await expect(page).toHaveURL(
    new RegExp(`^${ADMIN_URL}/(customers/${bobId}|sign-in\\?next=%2Fcustomers%2F${bobId})$`),
  );
  await page.goto(PORTAL_URL);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Hotdesk' })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
});
