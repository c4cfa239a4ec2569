import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '**/.next-launcher*/**',
      '**/.turbo/**',
      '**/dist/**',
      '**/generated/**',
      '**/next-env.d.ts',
      'e2e/artifacts/**',
      'test-results/**',
      'playwright-report/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['apps/**/*.{ts,tsx}', 'packages/ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
    settings: { next: { rootDir: ['apps/admin', 'apps/portal'] } },
  },
  {
    // Tests may print and may intercept the console (the secrets-in-logs test does).
    files: ['**/*.test.ts', 'e2e/**/*.ts', '**/cli/**/*.ts', '**/scripts/**/*.{ts,mjs}'],
    rules: { 'no-console': 'off' },
  },
  {
    // One environment schema, validated once at boot (packages/config/src/environment.ts, each
    // package's env.ts); everywhere else reads the result.
    files: [
      'apps/**/*.{ts,tsx}',
      'packages/api/src/**/*.ts',
      'packages/db/src/**/*.ts',
      'packages/server/src/**/*.ts',
    ],
    ignores: ['**/env.ts', '**/*.test.ts', '**/*.config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Import the validated env instead.' },
      ],
    },
  },
);
