import { existsSync } from 'node:fs';
import path from 'node:path';

// Found from the working directory rather than import.meta.url, because Next.js bundles this
// package into the apps and rewrites module URLs; every process here starts inside the repo.
export function findRepoRoot(from: string = process.cwd()): string {
  // turbopackIgnore: a runtime lookup, not a file the apps' bundles need to trace.
  let dir = path.resolve(/*turbopackIgnore: true*/ from);
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(/*turbopackIgnore: true*/ from);
    dir = parent;
  }
}

export function defaultSchemaPath(): string {
  return path.join(findRepoRoot(), 'prisma', 'schema.prisma');
}

export function defaultMigrationsDir(): string {
  return path.join(findRepoRoot(), 'prisma', 'migrations');
}
