import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';

/**
 * `consoleErrors` collects every console error and uncaught page exception, so a test can
 * assert that a page loads cleanly. A failed request's line names the page it came from and
 * the path it asked for ("Failed to load resource" alone does not say which); the query is
 * left out, as it may carry a token.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
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
