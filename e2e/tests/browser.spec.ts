import { expect, test } from '../support/test';

// playwright.config.ts chose the binary (a system Chromium, or the npm-shipped one: forced in
// CI with HOTDESK_E2E_BROWSER=npm); the two report different versions, so this shows which ran.
test('the run uses the Chromium it announced', async ({ browser }) => {
  expect(process.env.HOTDESK_E2E_BROWSER_MAJOR).toMatch(/^\d+$/);
  expect(browser.version().split('.')[0]).toBe(process.env.HOTDESK_E2E_BROWSER_MAJOR);
});
