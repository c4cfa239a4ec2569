import { randomBytes } from 'node:crypto';
import { ADMIN_URL, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

/**
 * Before its script runs (or when it never does: an address the dev server does not serve
 * scripts to, a blocked bundle) a sign-in form submits natively. It must then POST, never GET:
 * a GET would put the password in the address bar, the history, the server's and any proxy's
 * logs and the next page's Referer.
 */

test.use({ javaScriptEnabled: false });

for (const [name, url] of [
  ['portal', PORTAL_URL],
  ['admin', ADMIN_URL],
] as const) {
  test(`the ${name} sign-in form posts the password, never puts it in an address`, async ({
    page,
  }) => {
    const password = `never-in-a-url-${randomBytes(6).toString('hex')}`;
    const requests: Array<{ method: string; url: string }> = [];
    page.on('request', (request) =>
      requests.push({ method: request.method(), url: request.url() }),
    );

    await page.goto(`${url}/sign-in?next=%2Faccount`);
    await page.getByLabel('Email').fill('bob@example.com');
    await page.getByLabel('Password').fill(password);
    const submitted = page.waitForRequest((request) => request.isNavigationRequest());
    await page.getByRole('button', { name: 'Sign in' }).click();
    const submission = await submitted;
    await page.waitForLoadState();

    expect(submission.method()).toBe('POST');
    expect(submission.postData() ?? '').toContain(password);
    // Back on the sign-in page, where it says what to do; the destination is kept.
    await expect(page).toHaveURL(`${url}/sign-in?next=%2Faccount`);
    await expect(page.getByLabel('Password')).toHaveValue('');
    // A <noscript> note says what to do (the emulated no-script mode does not render it).
    expect(await page.content()).toContain('Signing in needs JavaScript.');
    const leaks = requests.filter((request) => request.url.includes(password));
    expect(leaks).toEqual([]);
    expect(page.url()).not.toContain(password);
  });
}
