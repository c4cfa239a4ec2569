import { test as base, expect } from '@playwright/test';

export { expect };

/**
 * `consoleErrors` collects every console error and uncaught page exception, so a test can
 * assert that a page loads cleanly. A failed request's line names the page it came from and
 * the path it asked for ("Failed to load resource" alone does not say which); the query is
 * left out, as it may carry a token.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  // Every test's page, whether or not the test reads the console: an exception the page did not
  // catch, or a 500 (a fault the server did not expect), is a bug wherever it happens, so no
  // test passes over one.
  page: async ({ page }, use) => {
    const uncaught: string[] = [];
    const serverFaults: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    page.on('response', (response) => {
      if (response.status() === 500) serverFaults.push(withoutQuery(response.url()));
    });
    await use(page);
    expect(uncaught, 'exceptions the page did not catch').toEqual([]);
    expect(serverFaults, 'requests answered 500').toEqual([]);
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const source = message.location().url;
      const path = source
        ? ` (${withoutQuery(source)} on ${withoutQuery(message.page()?.url() ?? '')})`
        : '';
      errors.push(`console: ${message.text()}${path}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await use(errors);
  },
});

function withoutQuery(url: string): string {
  return url.split('?')[0] ?? url;
}
