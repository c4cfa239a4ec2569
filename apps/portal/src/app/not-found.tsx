import Link from 'next/link';

export default function NotFound() {
  return (
    <section
      aria-labelledby="not-found-heading"
      className="mx-auto max-w-md px-6 py-24 text-center"
    >
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 id="not-found-heading" className="mt-2 text-2xl font-semibold tracking-tight">
        Page not found
      </h1>
      <p className="mt-4 text-slate-600">The page you asked for does not exist.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-600">
        Go to the welcome page
      </Link>
    </section>
  );
}
