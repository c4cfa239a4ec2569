'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { rememberListUrl } from './list-url';

export type SearchParamChanges = Record<string, string | number | null | undefined>;

/**
 * The page's query string as its state, so every view is deep-linkable. Updates go through the
 * History API, which Next.js folds into `useSearchParams` without a server round trip.
 */
export function useSearchParamsState() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const update = useCallback(
    (changes: SearchParamChanges, { replace = false }: { replace?: boolean } = {}) => {
      // Start from the live URL: several updates may land before React re-renders.
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      const query = next.toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (url === `${window.location.pathname}${window.location.search}`) return;
      if (replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
      rememberListUrl(pathname, url);
    },
    [pathname],
  );
  return [searchParams, update] as const;
}

/** The parameters a list's position is kept in: cleared, the list shows its first page. */
export const firstPage = { page: null, after: null, before: null } as const;

/** A positive integer from the query string, or the fallback. */
export function intParam(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function oneOf<T extends string>(
  value: string | null,
  allowed: readonly T[],
  fallback: T,
): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}
