import { clsx } from 'clsx';
import { CircleAlert, CircleCheck, Info, Lock } from 'lucide-react';
import type { ReactNode } from 'react';

type Tone = 'info' | 'error' | 'success' | 'locked';

const tones: Record<Tone, { box: string; icon: typeof Info }> = {
  info: { box: 'border-sky-200 bg-sky-50 text-sky-900', icon: Info },
  error: { box: 'border-red-200 bg-red-50 text-red-900', icon: CircleAlert },
  success: { box: 'border-emerald-200 bg-emerald-50 text-emerald-900', icon: CircleCheck },
  locked: { box: 'border-amber-300 bg-amber-50 text-amber-950', icon: Lock },
};

/** A boxed message. Errors are announced (`role="alert"`); the others are plain notes. */
export function Alert({
  tone = 'info',
  title,
  children,
  className,
  id,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  id?: string;
}) {
  const { box, icon: Icon } = tones[tone];
  return (
    <div
      id={id}
      role={tone === 'error' ? 'alert' : undefined}
      className={clsx('flex gap-3 rounded-lg border px-4 py-3 text-sm', box, className)}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="leading-6">{children}</div> : null}
      </div>
    </div>
  );
}
