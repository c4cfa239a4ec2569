import Link from 'next/link';
import { Logo } from '@/components/logo';

export default function NotFound() {
  return (
    <main
      id="main"
      aria-labelledby="not-found-heading"
      className="flex min-h-dvh flex-col items-center justify-center px-6 text-center"
    >
      <Logo className="size-10" />
      <p className="mt-6 text-sm font-semibold text-teal-700">404</p>
      <h1 id="not-found-heading" className="mt-2 text-2xl font-semibold tracking-tight">
        Page not found
      </h1>
      <p className="mt-3 text-slate-600">The page you asked for does not exist.</p>
      <Link
        href="/customers"
        className="mt-6 inline-block text-sm font-medium text-teal-700 hover:underline"
      >
        Go to customers
      </Link>
    </main>
  );
}
