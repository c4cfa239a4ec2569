import { defineConfig } from 'prisma/config';

// Only `prisma generate` uses this file: migrations run through our own WebAssembly runner
// (src/migrations), because the CLI's native schema engine cannot be downloaded everywhere.
export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
});
