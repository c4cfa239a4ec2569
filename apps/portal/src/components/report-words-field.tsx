'use client';

import { useId } from 'react';

/**
 * The member's optional words about a view they did not expect, in every place they can say so
 * (Account activity, the bell, the e-mail's page); `wordsMaxLength` is the API's own limit.
 */
export function ReportWordsField({
  value,
  onChange,
  wordsMaxLength,
  invalid,
}: {
  value: string;
  onChange: (value: string) => void;
  wordsMaxLength: number;
  invalid: boolean;
}) {
  const ids = { words: useId(), help: useId() };
  return (
    <div>
      <label htmlFor={ids.words} className="text-sm font-medium text-slate-700">
        What would you like them to know?{' '}
        <span className="font-normal text-slate-500">(optional)</span>
      </label>
      <textarea
        id={ids.words}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        rows={4}
        maxLength={wordsMaxLength}
        aria-describedby={ids.help}
        aria-invalid={invalid ? true : undefined}
        className="mt-1.5 block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 aria-invalid:ring-red-500"
      />
      <p id={ids.help} className="mt-1.5 text-xs text-slate-500">
        At most {wordsMaxLength} characters.
      </p>
    </div>
  );
}
