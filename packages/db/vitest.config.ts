import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Each file creates real databases (and in places PGlite instances, ~1–3 s each).
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
