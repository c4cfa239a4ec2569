import type { ReactNode } from 'react';

export interface ListColumn {
  /** What the column holds; an `sr-only` span for a column of buttons. */
  label: ReactNode;
  align?: 'right';
}

/**
 * The headings of a list in a card: the first and last columns line up with the card's own
 * padding, the ones between sit closer.
 */
export function ListTableHead({ columns }: { columns: readonly ListColumn[] }) {
  const edge = (index: number) => index === 0 || index === columns.length - 1;
  return (
    <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-500 uppercase">
      <tr>
        {columns.map((column, index) => (
          <th
            key={index}
            scope="col"
            className={`${edge(index) ? 'px-5' : 'px-3'} py-3${column.align === 'right' ? ' text-right' : ''}`}
          >
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
