'use client';

import { clsx } from 'clsx';
import { X } from 'lucide-react';
import { AlertDialog, Dialog } from 'radix-ui';
import { type ComponentProps, type ReactNode } from 'react';

const overlay =
  'fixed inset-0 z-40 bg-slate-950/40 backdrop-blur-[1px] data-[state=open]:animate-fade-in';
const panel =
  'fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-slate-200 bg-white shadow-xl focus:outline-none data-[state=open]:animate-dialog-in';

export const DialogRoot = Dialog.Root;
export const DialogTrigger = Dialog.Trigger;
export const DialogClose = Dialog.Close;

export function DialogContent({
  className,
  children,
  ...props
}: ComponentProps<typeof Dialog.Content>) {
  return (
    <Dialog.Portal>
      <Dialog.Overlay className={overlay} />
      <Dialog.Content className={clsx(panel, 'max-w-lg', className)} {...props}>
        {children}
        <Dialog.Close
          aria-label="Close"
          className="absolute top-4 right-4 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        >
          <X aria-hidden="true" className="size-4" />
        </Dialog.Close>
      </Dialog.Content>
    </Dialog.Portal>
  );
}

export function DialogHeader({ title, description }: { title: ReactNode; description: ReactNode }) {
  return (
    <div className="border-b border-slate-200 px-6 pt-5 pb-4 pr-12">
      <Dialog.Title className="text-lg font-semibold text-slate-900">{title}</Dialog.Title>
      <Dialog.Description className="mt-1 text-sm text-slate-600">{description}</Dialog.Description>
    </div>
  );
}

export function DialogFooter({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col-reverse gap-2 border-t border-slate-200 bg-slate-50 px-6 py-4 sm:flex-row sm:justify-end">
      {children}
    </div>
  );
}

/** A yes/no question before something that cannot be undone. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  pendingLabel,
  pending,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  pending?: boolean;
  onConfirm: () => void;
}) {
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlay} />
        <AlertDialog.Content className={clsx(panel, 'max-w-md')}>
          <div className="px-6 pt-5 pb-4">
            <AlertDialog.Title className="text-lg font-semibold text-slate-900">
              {title}
            </AlertDialog.Title>
            <AlertDialog.Description className="mt-2 text-sm text-slate-600">
              {description}
            </AlertDialog.Description>
            {children}
          </div>
          <div className="flex flex-col-reverse gap-2 border-t border-slate-200 bg-slate-50 px-6 py-4 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel className="inline-flex h-9 items-center justify-center rounded-md border border-slate-300 bg-white px-3.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50">
              Cancel
            </AlertDialog.Cancel>
            <button
              type="button"
              disabled={pending}
              onClick={onConfirm}
              className="inline-flex h-9 items-center justify-center rounded-md bg-red-600 px-3.5 text-sm font-medium text-white shadow-sm hover:bg-red-700 disabled:cursor-wait disabled:bg-red-400"
            >
              {pending ? (pendingLabel ?? confirmLabel) : confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
