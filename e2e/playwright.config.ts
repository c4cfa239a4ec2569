import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { READY_MESSAGE } from './support/system';

// Debian's Chromium when present: `npx playwright install` cannot download a browser here.
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const executablePath =
  process.env.CHROMIUM_PATH || (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
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
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // A throwaway seeded database and both built apps (`next start`); see scripts/serve.ts.
    command: 'node --import tsx scripts/serve.ts',
    wait: { stdout: new RegExp(READY_MESSAGE) },
    stdout: 'pipe',
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM lets serve.ts stop both apps and drop its database before the group is killed.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
  },
});
