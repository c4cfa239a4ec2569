import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Each file creates real databases (and in places PGlite instances, ~1–3 s each) or spawns
    // the CLIs; on a machine shared with other test runs that takes minutes, not seconds.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
