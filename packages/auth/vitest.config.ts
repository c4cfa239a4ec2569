import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // scrypt at production cost is deliberately slow on a 2-core machine.
    testTimeout: 20_000,
  },
});
