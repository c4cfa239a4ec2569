'use client';

import { CircleCheck } from 'lucide-react';
import { useEffect, useRef, type ReactNode } from 'react';

/** The card every state of the `/from-mail` page is shown in. */
export function Panel({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <section className="mx-auto max-w-lg px-6 py-16" aria-live="polite">
      <div className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        {icon}
        {children}
      </div>
    </section>
  );
}

/**
 * The page's heading, focused when the page's state changes (not while it loads) so that
 * keyboard and screen reader users follow.
 */
export function Heading({ children, focus = true }: { children: ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h1
      ref={ref}
      tabIndex={-1}
      className="mt-4 text-2xl font-semibold tracking-tight text-slate-900 focus:outline-none"
    >
      {children}
    </h1>
  );
}

/** The mark of a page whose link has done its one thing. */
export function DoneIcon() {
  return (
    <CircleCheck
      aria-hidden="true"
      className="size-10 rounded-full bg-emerald-50 p-2 text-emerald-700"
    />
  );
}
