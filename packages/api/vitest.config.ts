import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The test files under `dir`, as two projects. A file that points the process's own runtime at
 * its database (`getRuntime` with stubbed environment variables) is named
 * `*.own-process.test.ts` and gets a fresh process. Every other file shares its worker's loaded
 * modules with the files before it: loading the api package again for each file cost about a
 * third of the suite's time.
 */
export function projectsOf(dir: string): TestProjectInlineConfiguration[] {
  const ownProcess = `${dir}/**/*.own-process.test.ts`;
  return [
    {
      extends: true,
      test: {
        name: 'shared',
        include: [`${dir}/**/*.test.ts`],
        exclude: [ownProcess],
        isolate: false,
      },
    },
    { extends: true, test: { name: 'own-process', include: [ownProcess] } },
  ];
}

export default defineConfig({
  test: {
    globalSetup: ['test/support/database-templates.ts'],
    // The attack suite (test/attack-suite) has its own command, `test:security`, run by the root
    // `pnpm test` too.
    env: { HOTDESK_LOG_LEVEL: 'silent' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: projectsOf('src'),
  },
});
