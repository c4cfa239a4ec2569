'use client';

import { clsx } from 'clsx';
import { Check, ChevronsUpDown, Search } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';

export interface ComboboxOption {
  value: string;
  label: string;
  hint?: string;
}

const shownAtOnce = 100;

/**
 * A select with a search box, for lists too long to scroll (teams at a 100k-customer
 * location): a Radix popover holding an ARIA combobox and listbox.
 */
export function Combobox({
  label,
  options,
  value,
  onChange,
  emptyLabel,
  searchLabel,
  loading = false,
  className,
}: {
  label: string;
  options: ComboboxOption[];
  value: string | null;
  onChange: (value: string | null) => void;
  /** The "no choice" entry, such as "Any team". */
  emptyLabel: string;
  searchLabel: string;
  loading?: boolean;
  className?: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const selected = options.find((option) => option.value === value);

  const matches = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const found = needle
      ? options.filter((option) => option.label.toLowerCase().includes(needle))
      : options;
    return found;
  }, [options, text]);
  const shown: Array<ComboboxOption | null> = [null, ...matches.slice(0, shownAtOnce)];

  const choose = (option: ComboboxOption | null) => {
    onChange(option?.value ?? null);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((index) => Math.min(shown.length - 1, index + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(0, index - 1));
    } else if (event.key === 'Home') {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      setActive(shown.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const option = shown[active];
      if (option !== undefined) choose(option);
    }
  };

  const optionId = (index: number) => `${id}-option-${index}`;

  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setText('');
          const index = options.findIndex((option) => option.value === value);
          setActive(index >= 0 && index < shownAtOnce ? index + 1 : 0);
        }
      }}
    >
      <span id={`${id}-label`} className="block text-sm font-medium text-slate-800">
        {label}
      </span>
      <Popover.Trigger
        aria-labelledby={`${id}-label ${id}-value`}
        aria-haspopup="listbox"
        className={clsx(
          'mt-1.5 flex h-9 w-full items-center gap-2 rounded-md border border-slate-300 bg-white pr-2 pl-3 text-left text-sm shadow-xs focus:border-teal-600 focus:ring-2 focus:ring-teal-600/20 focus:outline-none',
          className,
        )}
      >
        <span id={`${id}-value`} className={clsx('flex-1 truncate', !selected && 'text-slate-600')}>
          {selected?.label ?? emptyLabel}
        </span>
        <ChevronsUpDown aria-hidden="true" className="size-4 text-slate-400" />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={4}
          className="z-50 w-[max(var(--radix-popover-trigger-width),24rem)] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white shadow-lg"
        >
          <div className="relative border-b border-slate-200">
            <Search
              aria-hidden="true"
              className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
            />
            <input
              role="combobox"
              aria-label={searchLabel}
              aria-expanded="true"
              aria-controls={`${id}-listbox`}
              aria-autocomplete="list"
              aria-activedescendant={shown[active] === undefined ? undefined : optionId(active)}
              autoFocus
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                // Typing picks the best match, not "Any".
                setActive(event.target.value.trim() ? 1 : 0);
              }}
              onKeyDown={onKeyDown}
              placeholder="Type to filter…"
              className="h-10 w-full rounded-t-lg bg-transparent pr-3 pl-9 text-sm focus:outline-none"
            />
          </div>
          <ul
            id={`${id}-listbox`}
            role="listbox"
            aria-label={label}
            className="max-h-72 overflow-y-auto p-1 text-sm"
          >
            {shown.map((option, index) => {
              const isSelected = (option?.value ?? null) === value;
              return (
                <li
                  key={option?.value ?? '__none'}
                  id={optionId(index)}
                  role="option"
                  aria-selected={isSelected}
                  onMouseMove={() => setActive(index)}
                  onClick={() => choose(option)}
                  ref={(node) => {
                    if (index === active) node?.scrollIntoView({ block: 'nearest' });
                  }}
                  className={clsx(
                    'flex cursor-default items-center gap-2 rounded-md px-2 py-1.5',
                    index === active && 'bg-slate-100',
                  )}
                >
                  <Check
                    aria-hidden="true"
                    className={clsx('size-4 shrink-0 text-teal-700', !isSelected && 'invisible')}
                  />
                  <span className="flex-1 truncate">{option?.label ?? emptyLabel}</span>
                  {option?.hint ? (
                    <span className="text-xs text-slate-500">{option.hint}</span>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <p
            className="border-t border-slate-200 px-3 py-2 text-xs text-slate-500"
            aria-live="polite"
          >
            {loading
              ? 'Loading…'
              : matches.length > shownAtOnce
                ? `Showing ${shownAtOnce} of ${matches.length}: type to narrow.`
                : `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`}
          </p>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
