import { clsx } from 'clsx';
import { Label as LabelPrimitive } from 'radix-ui';
import { type ComponentProps, type ReactNode } from 'react';

const control =
  'block w-full rounded-md border bg-white text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-teal-600 focus:ring-2 focus:ring-teal-600/20 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/20';

export function Label({ className, ...props }: ComponentProps<typeof LabelPrimitive.Root>) {
  return (
    <LabelPrimitive.Root
      className={clsx('block text-sm font-medium text-slate-800', className)}
      {...props}
    />
  );
}

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={clsx(control, 'h-9 border-slate-300 px-3', className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea className={clsx(control, 'border-slate-300 px-3 py-2', className)} {...props} />;
}

/** The platform's select, styled: keyboard, screen readers and type-ahead work as everywhere. */
export function Select({ className, ...props }: ComponentProps<'select'>) {
  return (
    <select
      className={clsx(
        control,
        'h-9 appearance-none border-slate-300 bg-[url(/chevron-down.svg)] bg-[length:16px] bg-[right_0.5rem_center] bg-no-repeat pr-8 pl-3',
        className,
      )}
      {...props}
    />
  );
}

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1.5 text-sm text-red-700">
      {children}
    </p>
  );
}

export function FieldHint({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1.5 text-xs text-slate-500">
      {children}
    </p>
  );
}
