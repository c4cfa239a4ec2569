import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export type AppName = 'admin' | 'portal';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** The App Router folder of an app: every `page.*` under it is a page people can open. */
function appDirectory(app: AppName): string {
  return path.join(repoRoot, 'apps', app, 'src', 'app');
}

const PAGE_FILE = /^page\.(tsx|ts|jsx|js|mdx)$/;
const INTERCEPTING = /^\(\.{1,3}\)|^\(\.\.\)\(\.\.\)/;

/**
 * The URL pattern of a page folder (relative to the app folder), as Next.js routes it:
 * route groups `(name)` and parallel-route slots `@name` take no part in the URL, dynamic
 * segments stay as written (`[id]`). Null for a private folder (`_name`), which is never routed.
 */
export function routePatternOf(pageFolder: string): string | null {
  const kept: string[] = [];
  for (const segment of pageFolder.split(/[\\/]/).filter((part) => part && part !== '.')) {
    if (segment.startsWith('_')) return null;
    // An intercepted page only shows on a client-side navigation, not when its URL is opened.
    if (INTERCEPTING.test(segment)) {
      throw new Error(
        `intercepting route "${pageFolder}": support/app-routes.ts does not know how to reach it`,
      );
    }
    if (/^\(.+\)$/.test(segment) || segment.startsWith('@')) continue;
    kept.push(segment);
  }
  return `/${kept.join('/')}`;
}

export interface AppRoutes {
  /** Route patterns as Next.js spells them (`/customers/[id]`), sorted. */
  pages: string[];
  /** Whether the app has a not-found page of its own (app/not-found.tsx), shown for unknown URLs. */
  hasNotFoundPage: boolean;
}

/** Every page of an app, read from its App Router folder: nothing here lists pages by hand. */
export function appRoutes(app: AppName): AppRoutes {
  const root = appDirectory(app);
  const patterns = new Set<string>();
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!PAGE_FILE.test(path.basename(file))) continue;
    const pattern = routePatternOf(path.dirname(file));
    if (pattern !== null) patterns.add(pattern);
  }
  if (patterns.size === 0) throw new Error(`no pages found under ${root}`);
  return {
    pages: [...patterns].sort(),
    hasNotFoundPage: ['tsx', 'ts', 'jsx', 'js'].some((ext) =>
      existsSync(path.join(root, `not-found.${ext}`)),
    ),
  };
}

/** The dynamic segments of a pattern, each with the pattern up to and including it. */
export function dynamicSegmentsOf(pattern: string): Array<{ segment: string; prefix: string }> {
  const segments = pattern.split('/');
  return segments.flatMap((segment, index) =>
    /^\[.+\]$/.test(segment) ? [{ segment, prefix: segments.slice(0, index + 1).join('/') }] : [],
  );
}
