'use client';

import { Button } from '@/components/ui/button';

/** Unexpected failures of a page: say so plainly and offer to try again. */
export default function PageError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section aria-labelledby="error-heading" className="mx-auto max-w-md px-6 py-24 text-center">
      <p className="text-sm font-semibold text-red-600">Something went wrong</p>
      <h1 id="error-heading" className="mt-2 text-2xl font-semibold tracking-tight">
        This page could not be shown
      </h1>
      <p className="mt-4 text-slate-600">It was probably a hiccup on our side. Please try again.</p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </section>
  );
}
