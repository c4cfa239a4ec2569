/** The Hotdesk mark in the admin colours: a desk with a screen. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <rect width="32" height="32" rx="8" className="fill-slate-800" />
      <path d="M8 19h16v2H8zM10 21h2v5h-2zM20 21h2v5h-2zM12 11h8v6h-8z" className="fill-teal-400" />
    </svg>
  );
}
