'use client';

import { clsx } from 'clsx';
import { type Eye } from 'lucide-react';
import { RadioGroup } from 'radix-ui';
import { useId } from 'react';

export type Mode = 'READ_ONLY' | 'FULL';

/** One choice of the impersonation mode: a Radix radio with its label and what it means. */
export function ModeOption({
  value,
  checked,
  disabled = false,
  icon: Icon,
  title,
  text,
}: {
  value: Mode;
  checked: boolean;
  disabled?: boolean;
  icon: typeof Eye;
  title: string;
  text: string;
}) {
  const id = useId();
  return (
    <div
      className={clsx(
        'relative flex gap-3 rounded-lg border p-3 transition-colors',
        checked
          ? 'border-teal-600 bg-teal-50/60 ring-1 ring-teal-600'
          : disabled
            ? 'border-slate-200 bg-slate-50 text-slate-500'
            : 'border-slate-200 hover:border-slate-300',
      )}
    >
      <RadioGroup.Item
        id={id}
        value={value}
        disabled={disabled}
        aria-describedby={`${id}-text`}
        className="mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-full border border-slate-400 bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600 disabled:opacity-50 data-[state=checked]:border-teal-700"
      >
        <RadioGroup.Indicator className="size-2 rounded-full bg-teal-700" />
      </RadioGroup.Item>
      <div>
        <label
          htmlFor={id}
          className={clsx(
            'flex items-center gap-1.5 text-sm font-medium after:absolute after:inset-0',
            disabled ? 'text-slate-500' : 'text-slate-900',
          )}
        >
          <Icon aria-hidden="true" className="size-4 text-slate-500" />
          {title}
        </label>
        <p id={`${id}-text`} className="mt-0.5 text-xs text-slate-600">
          {text}
        </p>
      </div>
    </div>
  );
}
