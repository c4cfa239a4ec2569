import { type LucideIcon } from 'lucide-react';
import { type ReactNode } from 'react';

/** One term of a card's `<dl>`, with its icon. */
export function Fact({
  icon: Icon,
  label,
  children,
}: {
  icon: LucideIcon;
  label: string;
  children: ReactNode;
}) {
  return (
    // A group of a <dl> holds only its <dt> and <dd>: the icon sits in the term, drawn beside both.
    <div className="relative py-3 pr-5 pl-12">
      <dt className="text-xs font-medium text-slate-500">
        <Icon aria-hidden="true" className="absolute top-3.5 left-5 size-4 text-slate-400" />
        {label}
      </dt>
      <dd className="text-sm font-medium text-slate-900">{children}</dd>
    </div>
  );
}
