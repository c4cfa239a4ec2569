'use client';

import {
  createColumnHelper,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
} from '@tanstack/react-table';
import { clsx } from 'clsx';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { type ReactNode } from 'react';
import { Skeleton } from './states';

interface ColumnMeta {
  /** The server's sort key for this column; makes the header a sort button. */
  sortKey?: string;
  className?: string;
}

/** The table features every list of this app uses: server-side data, so the core only. */
export const tableFeatureSet = tableFeatures({ columnMeta: {} as ColumnMeta });
type Features = typeof tableFeatureSet;

export const columnHelper = <T extends RowData>() => createColumnHelper<Features, T>();

export interface SortState {
  key: string;
  direction: 'asc' | 'desc';
}

type Status = 'pending' | 'error' | 'success';

/**
 * A semantic, server-driven table: TanStack Table models the columns and rows, the page owns
 * paging and sorting (in the URL). Loading, empty and error states keep the table's frame.
 */
export function DataTable<T extends RowData>({
  caption,
  columns,
  data,
  getRowId,
  status,
  fetching = false,
  empty,
  error,
  sort,
  onSortChange,
  skeletonRows = 8,
  onRowClick,
}: {
  caption: string;
  columns: Array<ColumnDef<Features, T, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  data: T[];
  getRowId: (row: T) => string;
  status: Status;
  fetching?: boolean;
  empty: ReactNode;
  error?: ReactNode;
  sort?: SortState;
  onSortChange?: (sort: SortState) => void;
  skeletonRows?: number;
  /** A mouse shortcut only: every row must also hold a real link or button. */
  onRowClick?: (row: T) => void;
}) {
  const table = useTable({ features: tableFeatureSet, columns, data, getRowId });
  const headerGroups = table.getHeaderGroups();
  const rows = table.getRowModel().rows;
  const columnCount = columns.length;

  let body: ReactNode;
  if (status === 'pending') {
    body = Array.from({ length: skeletonRows }, (_, index) => (
      <tr key={`skeleton-${index}`}>
        {Array.from({ length: columnCount }, (_, cell) => (
          <td key={cell} className="px-4 py-3.5">
            <Skeleton className={clsx('h-4', cell === 0 ? 'w-40' : 'w-24')} />
          </td>
        ))}
      </tr>
    ));
  } else if (status === 'error') {
    body = (
      <tr>
        <td colSpan={columnCount}>{error}</td>
      </tr>
    );
  } else if (rows.length === 0) {
    body = (
      <tr>
        <td colSpan={columnCount}>{empty}</td>
      </tr>
    );
  } else {
    body = rows.map((row) => (
      <tr
        key={row.id}
        className={clsx('group hover:bg-slate-50/80', onRowClick && 'cursor-pointer')}
        onClick={
          onRowClick
            ? (event) => {
                const target = event.target as HTMLElement;
                if (target.closest('a, button, input, select, textarea, label')) return;
                if (window.getSelection()?.toString()) return;
                onRowClick(row.original);
              }
            : undefined
        }
      >
        {row.getAllCells().map((cell) => (
          <td
            key={cell.id}
            className={clsx('px-4 py-3 align-middle', cell.column.columnDef.meta?.className)}
          >
            <table.FlexRender cell={cell} />
          </td>
        ))}
      </tr>
    ));
  }

  return (
    <div className="relative overflow-x-auto">
      {fetching && status === 'success' ? (
        <div
          aria-hidden="true"
          className="absolute inset-x-0 top-0 z-10 h-0.5 animate-pulse bg-teal-500/70"
        />
      ) : null}
      <table
        className={clsx(
          'w-full border-collapse text-left text-sm transition-opacity',
          fetching && status === 'success' && 'opacity-70',
        )}
        aria-busy={status === 'pending' || fetching}
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-600 uppercase">
          {headerGroups.map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const meta = header.column.columnDef.meta;
                const sortKey = meta?.sortKey;
                const active = sortKey !== undefined && sort?.key === sortKey;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                    }
                    className={clsx('px-4 py-2.5 font-medium whitespace-nowrap', meta?.className)}
                  >
                    {sortKey && onSortChange ? (
                      <button
                        type="button"
                        onClick={() =>
                          onSortChange({
                            key: sortKey,
                            direction: active && sort.direction === 'asc' ? 'desc' : 'asc',
                          })
                        }
                        className="-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-0.5 uppercase hover:bg-slate-200/70 hover:text-slate-900"
                      >
                        <table.FlexRender header={header} />
                        {active ? (
                          sort.direction === 'asc' ? (
                            <ArrowUp aria-hidden="true" className="size-3.5" />
                          ) : (
                            <ArrowDown aria-hidden="true" className="size-3.5" />
                          )
                        ) : (
                          <ArrowUpDown aria-hidden="true" className="size-3.5 text-slate-400" />
                        )}
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">{body}</tbody>
      </table>
    </div>
  );
}
