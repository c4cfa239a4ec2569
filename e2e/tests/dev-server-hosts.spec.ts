import { type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../support/portal';
import { useOwnSystem, viaLoopbackIp } from '../support/own-system';
import { expect, test } from '../support/test';

// `pnpm dev`'s apps, as the README tells a newcomer to open them, but at 127.0.0.1: Next's
// dev server refuses its scripts to hosts it does not know, and the pages then sign nobody in.
// (It builds where packages/server's dev-server test does, reusing its compile cache.)
const system = useOwnSystem({ mode: 'development' });
test.describe.configure({ mode: 'serial' });

/** Every answer of the dev server's own resources that was refused. */
function refusedDevResources(page: Page): string[] {
  const refused: string[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/_next/') && response.status() >= 400) {
      refused.push(`${response.status()} ${response.url()}`);
    }
  });
  return refused;
}

for (const { app, email, home } of [
  { app: 'admin', email: 'owner@hotdesk.test', home: '/customers' },
  { app: 'portal', email: 'alice@example.com', home: '/' },
] as const) {
  test(`the ${app} app in development works at 127.0.0.1 as at localhost`, async ({
    page,
    consoleErrors,
  }) => {
    // The first visit compiles the pages it needs.
    test.setTimeout(300_000);
    const origin = viaLoopbackIp(system(), app);
    const refused = refusedDevResources(page);
    await page.goto(`${origin}/sign-in`, { timeout: 180_000 });
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    // Signing in is the page's script at work: without it the form would reload the page.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`^${origin}${home}(\\?|$)`), { timeout: 180_000 });
    expect(refused).toEqual([]);
    expect(consoleErrors.filter((error) => !/Download the React DevTools/.test(error))).toEqual([]);
  });
}
