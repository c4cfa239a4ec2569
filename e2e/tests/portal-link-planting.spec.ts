import { banner, DEMO_PASSWORD, PortalApi, signInToPortal, stepShots } from '../support/portal';
import { PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';
import { type APIRequestContext, type Page } from '@playwright/test';

/** An operator's one-time link for Bob, through the REST contract (the admin app is covered cross-app). */
async function operatorLinkForBob(request: APIRequestContext, reason: string): Promise<string> {
  const signIn = await request.post(`${PORTAL_URL}/api/token`, {
    form: { grant_type: 'password', username: 'owner@hotdesk.test', password: DEMO_PASSWORD },
  });
  const { access_token: bearer } = (await signIn.json()) as { access_token: string };
  const bob = await PortalApi.signedIn('alice@example.com');
  const { coworkerId } = await bob.teamMember('Bob Brown');
  await bob.dispose();
  const grant = await request.get(`${PORTAL_URL}/api/sys/users/impersonate`, {
    params: { coworkerId, reason },
    headers: { Authorization: `Bearer ${bearer}` },
  });
  expect(grant.status()).toBe(200);
  return ((await grant.json()) as { token: string }).token;
}

/** Who this browser is to the portal right now, asked the way its own pages ask. */
async function whoAmI(page: Page) {
  return page.evaluate(async () => {
    const response = await fetch('/api/trpc/me');
    const body = (await response.json()) as {
      result: { data: { json: { profile: { fullName: string }; impersonation: unknown } } };
    };
    const me = body.result.data.json;
    return { name: me.profile.fullName, viewing: me.impersonation !== null };
  });
}

test('a link opened in a browser signed in as someone else asks first, and nothing changes until the click', async ({
  page,
  request,
  consoleErrors,
}) => {
  const shot = stepShots('link-planting-confirmation');
  await signInToPortal(page, 'carol@example.com');
  const carol = await whoAmI(page);
  const reason = `Planting check ${Date.now().toString(36)}`;

  // Cancel: the link is never spent, Carol's portal is untouched.
  const declined = await operatorLinkForBob(request, reason);
  await page.goto(`${PORTAL_URL}/impersonate#token=${declined}`);
  const dialog = page.getByRole('region', { name: 'View Bob Brown’s portal?' });
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(`${PORTAL_URL}/impersonate`);
  await expect(dialog).toContainText('Olivia Owner');
  await expect(dialog).toContainText('staff at Downtown Hub');
  await expect(dialog).toContainText(reason);
  await expect(dialog).toContainText(`signed in as ${carol.name}`);
  await shot(page, 'confirmation');
  expect(await whoAmI(page)).toEqual(carol);
  await dialog.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(`${PORTAL_URL}/`);
  await expect(banner(page)).toHaveCount(0);
  expect(await whoAmI(page)).toEqual(carol);
  const unspent = await request.post(`${PORTAL_URL}/api/sys/users/exchange`, {
    params: { token: declined, validForInMinutes: 1 },
  });
  expect(unspent.status(), 'the declined link was never redeemed').toBe(200);

  // Continue: only the click opens Bob's portal.
  const accepted = await operatorLinkForBob(request, reason);
  await page.goto(`${PORTAL_URL}/impersonate#token=${accepted}`);
  await expect(dialog).toBeVisible();
  await page.waitForTimeout(1_000);
  expect(await whoAmI(page), 'still Carol while the question is open').toEqual(carol);
  await dialog.getByRole('button', { name: 'Continue to Bob Brown’s portal' }).click();
  await expect(page).toHaveURL(`${PORTAL_URL}/`);
  await expect(banner(page)).toContainText('Viewing as Bob Brown');
  await expect(banner(page)).toContainText('by Olivia Owner');
  await shot(page, 'after-the-click');
  await banner(page).getByRole('button', { name: 'Exit' }).click();
  await expect(banner(page)).toHaveCount(0);

  expect(consoleErrors).toEqual([]);
});

test('a team administrator’s link redeemed from another browser is refused', async ({
  page,
  consoleErrors,
}) => {
  const shot = stepShots('link-planting-team-admin');
  const alice = await PortalApi.signedIn('alice@example.com');
  const token = await alice.teamAdminToken(
    'Bob Brown',
    `Foreign browser ${Date.now().toString(36)}`,
  );

  await signInToPortal(page, 'carol@example.com');
  const carol = await whoAmI(page);
  await page.goto(`${PORTAL_URL}/impersonate#token=${token}`);
  await expect(
    page.getByRole('heading', { level: 1, name: "This link can't be used" }),
  ).toBeVisible();
  await expect(page.getByText('opens only in the browser where they are signed in')).toBeVisible();
  await expect(page.getByText('Bob Brown')).toHaveCount(0);
  await shot(page, 'refused-in-carols-browser');

  // Behind the page's back, the server refuses the exchange itself.
  const status = await page.evaluate(async (stolen) => {
    const response = await fetch('/api/trpc/impersonation.exchange', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ json: { token: stolen } }),
    });
    return response.status;
  }, token);
  expect(status).toBe(401);
  expect(await whoAmI(page)).toEqual(carol);

  // In Alice's own browser the same link still works: the refusal did not spend it.
  await alice.mutation('impersonation.exchange', { token });
  expect(
    ((await alice.query('me')) as { impersonation: { actorName: string } }).impersonation.actorName,
  ).toBe('Alice Anderson');
  await alice.mutation('impersonation.exit');
  await alice.dispose();

  // The refused exchange is the only error the console may show (the 401 of that request).
  expect(consoleErrors.filter((error) => !error.includes('401'))).toEqual([]);
});

test('a team administrator’s own link opens in her browser without a question', async ({
  page,
}) => {
  await signInToPortal(page, 'alice@example.com');
  const token = await PortalApi.of(page).teamAdminToken(
    'Bob Brown',
    `Own link ${Date.now().toString(36)}`,
  );
  await page.goto(`${PORTAL_URL}/impersonate#token=${token}`);
  await expect(page).toHaveURL(`${PORTAL_URL}/`);
  await expect(banner(page)).toContainText('Viewing as Bob Brown');
  await banner(page).getByRole('button', { name: 'Exit' }).click();
  await expect(banner(page)).toHaveCount(0);
});
