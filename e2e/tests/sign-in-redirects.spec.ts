import { type Page } from '@playwright/test';
import { DEMO_PASSWORD, operators, signInToAdmin } from '../support/admin';
import { ADMIN_URL, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

/**
 * Open redirect after sign-in: `/sign-in?next=…` sends the visitor on once signed in, so a link
 * to either app's sign-in page must never take them to another site, however `next` is spelled.
 * The look-alike site answers (routed in the browser), so a page that went there would show it.
 */

const EVIL = 'evil.example';

// What the sign-in page receives in `next` once the query is decoded.
const hostileNext = [
  `//${EVIL}/`,
  `/\\${EVIL}/`,
  `/\t/${EVIL}/`,
  `/\n/${EVIL}/`,
  `/.//${EVIL}/`,
  `/%2e%2e//${EVIL}/`,
  `https://${EVIL}/`,
  `http://localhost@${EVIL}/`,
  'javascript:document.title="owned"',
];

async function routeEvilSite(page: Page) {
  // By host: the sign-in page's own address carries `evil.example` in its query.
  await page.context().route(
    (url) => url.hostname === EVIL,
    (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>owned</title><h1>Evil</h1>' }),
  );
}

async function expectStayedOn(page: Page, url: string, next: string) {
  // Generous: the admin app follows `next` from the browser, once its session is confirmed.
  await expect(page, `next=${JSON.stringify(next)}`).toHaveURL(url, { timeout: 15_000 });
  expect(await page.title(), `next=${JSON.stringify(next)}`).not.toBe('owned');
}

const apps = [
  {
    name: 'portal',
    url: PORTAL_URL,
    home: `${PORTAL_URL}/`,
    kept: '/account/activity?from=next#kept',
    signIn: (page: Page) =>
      page.request.post(`${PORTAL_URL}/api/trpc/session.signIn`, {
        data: { json: { email: 'erin@example.com', password: DEMO_PASSWORD } },
        headers: { origin: PORTAL_URL },
      }),
    account: 'bob@example.com',
  },
  {
    name: 'admin',
    url: ADMIN_URL,
    home: `${ADMIN_URL}/customers`,
    kept: '/audit?type=SIGN_IN#kept',
    signIn: (page: Page) => signInToAdmin(page, operators.downtownAdmin.email),
    account: operators.riversideAdmin.email,
  },
] as const;

for (const app of apps) {
  test.describe(`the ${app.name} sign-in page's next`, () => {
    test('sends a signed-in visitor to a path of the app, never to another site', async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await routeEvilSite(page);
      await app.signIn(page);
      for (const next of hostileNext) {
        await page.goto(`${app.url}/sign-in?next=${encodeURIComponent(next)}`);
        await expectStayedOn(page, app.home, next);
      }
      // The issue's own spelling, left as typed in the address.
      await page.goto(`${app.url}/sign-in?next=/%09/${EVIL}`);
      await expectStayedOn(page, app.home, '/%09/…');
      // A path of the app itself is followed, query and fragment included.
      await page.goto(`${app.url}/sign-in?next=${encodeURIComponent(app.kept)}`);
      await expect(page).toHaveURL(`${app.url}${app.kept}`);
    });

    test('after signing in through the form, goes nowhere else either', async ({ page }) => {
      await routeEvilSite(page);
      const next = `/\t/${EVIL}/`;
      await page.goto(`${app.url}/sign-in?next=${encodeURIComponent(next)}`);
      await page.getByLabel('Email').fill(app.account);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectStayedOn(page, app.home, next);
    });
  });
}
