'use client';

import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from 'lucide-react';
import { type ReactNode, useId } from 'react';
import { formatNumber } from '@/lib/format';
import { intParam } from '@/lib/use-search-params-state';
import { Button } from './button';

export const pageSizes = [25, 50, 100] as const;

/** The page size a list's `size` parameter asks for, when it is one it offers; else 25. */
export function pageSizeParam(value: string | null): number {
  const requested = intParam(value, 25);
  return (pageSizes as readonly number[]).includes(requested) ? requested : 25;
}

/** "Showing 26–50 of 1,204", page buttons and the page size: the paging of every list. */
export function Pagination({
  page,
  pageSize,
  total,
  noun,
  onPageChange,
  onPageSizeChange,
}: {
  page: number;
  pageSize: number;
  total: number | undefined;
  noun: string;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
}) {
  const pages = total === undefined ? page : Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = total === undefined ? page * pageSize : Math.min(total, page * pageSize);
  return (
    <PagerBar
      summary={
        total === undefined ? (
          'Counting…'
        ) : total === 0 ? (
          `No ${noun}`
        ) : (
          <>
            Showing <span className="font-medium text-slate-900">{formatNumber(first)}</span>–
            <span className="font-medium text-slate-900">{formatNumber(last)}</span> of{' '}
            <span className="font-medium text-slate-900">{formatNumber(total)}</span> {noun}
          </>
        )
      }
    >
      {onPageSizeChange ? (
        <PageSizeSelect pageSize={pageSize} onPageSizeChange={onPageSizeChange} />
      ) : null}
      <span className="whitespace-nowrap">
        Page {formatNumber(Math.min(page, pages))} of {formatNumber(pages)}
      </span>
      <div className="flex items-center gap-1">
        <Button
          size="icon"
          variant="ghost"
          aria-label="First page"
          disabled={page <= 1}
          onClick={() => onPageChange(1)}
        >
          <ChevronsLeft aria-hidden="true" />
        </Button>
        <Button
          size="sm"
          variant="secondary"
          disabled={page <= 1}
          onClick={() => onPageChange(page - 1)}
        >
          <ChevronLeft aria-hidden="true" />
          Previous
        </Button>
        <Button
          size="sm"
          variant="secondary"
          disabled={page >= pages}
          onClick={() => onPageChange(page + 1)}
        >
          Next
          <ChevronRight aria-hidden="true" />
        </Button>
        <Button
          size="icon"
          variant="ghost"
          aria-label="Last page"
          disabled={page >= pages}
          onClick={() => onPageChange(pages)}
        >
          <ChevronsRight aria-hidden="true" />
        </Button>
      </div>
    </PagerBar>
  );
}

/** "Rows per page": the page size picker of every list. */
export function PageSizeSelect({
  pageSize,
  onPageSizeChange,
}: {
  pageSize: number;
  onPageSizeChange: (pageSize: number) => void;
}) {
  const sizeId = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={sizeId} className="whitespace-nowrap">
        Rows per page
      </label>
      <select
        id={sizeId}
        value={pageSize}
        onChange={(event) => onPageSizeChange(Number(event.target.value))}
        className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900"
      >
        {pageSizes.map((size) => (
          <option key={size} value={size}>
            {size}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The bar under a list: what is shown, on the left, and the paging controls. */
export function PagerBar({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm text-slate-600"
    >
      <p aria-live="polite">{summary}</p>
      <div className="flex items-center gap-4">{children}</div>
    </nav>
  );
}
