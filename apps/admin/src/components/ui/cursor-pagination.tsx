'use client';

import { ChevronLeft, ChevronRight, ChevronsLeft } from 'lucide-react';
import { formatNumber } from '@/lib/format';
import { Button } from './button';
import { PagerBar, PageSizeSelect } from './pagination';

/**
 * The paging of a list that moves by cursor: "Showing 26–50 of 1,000+", first, previous and
 * next. There is no "last page": the total is only counted up to a cap.
 */
export function CursorPagination({
  page,
  shown,
  pageSize,
  total,
  totalIsCapped,
  noun,
  hasPrevious,
  hasNext,
  onFirst,
  onPrevious,
  onNext,
  onPageSizeChange,
}: {
  /** The page's number, when the list was walked to it from the first page. */
  page: number | null;
  shown: number;
  pageSize: number;
  total: number | undefined;
  totalIsCapped: boolean;
  noun: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onFirst: () => void;
  onPrevious: () => void;
  onNext: () => void;
  onPageSizeChange: (pageSize: number) => void;
}) {
  const first = page === null ? null : (page - 1) * pageSize + 1;
  const of = total === undefined ? '' : `${formatNumber(total)}${totalIsCapped ? '+' : ''}`;
  return (
    <PagerBar
      summary={
        total === undefined ? (
          'Counting…'
        ) : shown === 0 ? (
          `No ${noun}`
        ) : (
          <>
            Showing{' '}
            <span className="font-medium text-slate-900">
              {first === null
                ? formatNumber(shown)
                : `${formatNumber(first)}–${formatNumber(first + shown - 1)}`}
            </span>{' '}
            of <span className="font-medium text-slate-900">{of}</span> {noun}
          </>
        )
      }
    >
      <PageSizeSelect pageSize={pageSize} onPageSizeChange={onPageSizeChange} />
      {page !== null ? <span className="whitespace-nowrap">Page {formatNumber(page)}</span> : null}
      <div className="flex items-center gap-1">
        <Button
          size="icon"
          variant="ghost"
          aria-label="First page"
          disabled={!hasPrevious}
          onClick={onFirst}
        >
          <ChevronsLeft aria-hidden="true" />
        </Button>
        <Button size="sm" variant="secondary" disabled={!hasPrevious} onClick={onPrevious}>
          <ChevronLeft aria-hidden="true" />
          Previous
        </Button>
        <Button size="sm" variant="secondary" disabled={!hasNext} onClick={onNext}>
          Next
          <ChevronRight aria-hidden="true" />
        </Button>
      </div>
    </PagerBar>
  );
}
