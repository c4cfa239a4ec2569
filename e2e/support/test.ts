import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';

/**
 * `consoleErrors` collects every console error and uncaught page exception, so a test can
 * assert that a page loads cleanly.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await use(errors);
  },
});
