import { defineConfig, devices } from '@playwright/test';
import { chooseBrowser } from './support/browser';
import { READY_MESSAGE } from './support/system';

// A system Chromium when there is one, else the npm-shipped one (support/browser.ts).
const browser = await chooseBrowser();
// For the spec that checks the run used this binary (the workers load this file too).
process.env.HOTDESK_E2E_BROWSER_MAJOR = browser.major;
if (process.env.TEST_WORKER_INDEX === undefined) {
  console.info(`[e2e] ${browser.source} Chromium ${browser.major}: ${browser.executablePath}`);
}

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  // Two tests at a time: much of a test is waiting (for a poll, a timer, the notifier), so a
  // second one keeps the two cores of this machine busy (the default would be one); more would
  // only queue behind the apps and PostgreSQL on the same cores.
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // On two cores the apps, PostgreSQL and the browser share the machine: a hand-off of several
  // round trips and a page load (the impersonation landing) can take longer than 5 s there.
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    headless: true,
    // Recording a trace (a screenshot at every paint, a snapshot at every action) more than
    // doubled the browser's CPU on every passing test: on two cores, ~40 % of the suite's time.
    // CI retries a failed test once and records that retry; locally, `--trace on` records one.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: browser.executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, grepInvert: /@alone/ },
    // Tests that need the system to themselves, once every other test is done.
    {
      name: 'alone',
      use: { ...devices['Desktop Chrome'] },
      grep: /@alone/,
      dependencies: ['chromium'],
    },
  ],
  webServer: {
    // A throwaway seeded database and both built apps, each through its app server; see
    // scripts/serve.ts.
    command: 'node --import tsx scripts/serve.ts',
    wait: { stdout: new RegExp(READY_MESSAGE) },
    stdout: 'pipe',
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM lets serve.ts stop both apps and drop its database before the group is killed.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
  },
});
