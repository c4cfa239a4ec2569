import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['test/support/database-templates.ts'],
    // The attack suite (test/attack-suite) has its own command, `test:security`, run by the root
    // `pnpm test` too.
    env: { HOTDESK_LOG_LEVEL: 'silent' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
