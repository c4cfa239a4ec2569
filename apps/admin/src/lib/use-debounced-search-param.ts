'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from './use-debounced-value';
import { firstPage, useSearchParamsState } from './use-search-params-state';

/**
 * A text box bound to a query parameter: the box answers every key, the URL (and so the
 * request) follows once typing pauses, and back/forward puts the URL's text back in the box.
 */
export function useDebouncedSearchParam(name: string, delay = 250) {
  const [params, setParams] = useSearchParamsState();
  const value = params.get(name) ?? '';
  const [text, setText] = useState(value);
  const debounced = useDebouncedValue(text.trim(), delay);
  const pushed = useRef(value);

  const push = useCallback(
    (next: string) => {
      if (next === pushed.current) return;
      pushed.current = next;
      setParams({ [name]: next, ...firstPage }, { replace: true });
    },
    [name, setParams],
  );
  useEffect(() => push(debounced), [debounced, push]);

  useEffect(() => {
    if (value === pushed.current) return;
    pushed.current = value;
    setText(value);
  }, [value]);

  return {
    /** What the box shows. */
    text,
    setText,
    /** What is searched (the URL's value). */
    value,
    /**
     * Applies what is typed now, without waiting: for the box's blur, so a click that leaves
     * the page is never overtaken by a late URL update.
     */
    flush: () => push(text.trim()),
    /** Empties the box without waiting for the debounce; the caller clears the URL. */
    reset: () => {
      pushed.current = '';
      setText('');
    },
  };
}
