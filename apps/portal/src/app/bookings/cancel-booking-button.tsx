'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertDialog } from 'radix-ui';
import { useState } from 'react';
import { toast } from 'sonner';
import { useReadOnly } from '@/components/session-context';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { readOnlyNoticeId } from './read-only-notice';

/** "Cancel booking", confirmed in a dialog first; disabled, pointing at the reason, in a read-only view. */
export function CancelBookingButton({
  bookingId,
  label,
  onCancelled,
}: {
  bookingId: number;
  /** What is cancelled, for the dialog and screen readers: "Meeting room Kew, Thu 3 Dec, 10:00–11:00". */
  label: string;
  onCancelled?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  const cancel = useMutation(
    trpc.bookings.cancel.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        toast.success('Booking cancelled.');
        onCancelled?.();
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.bookings.pathKey() }),
    }),
  );

  if (readOnly) {
    return (
      <Button
        variant="secondary"
        size="sm"
        disabled
        aria-label={`Cancel booking: ${label}`}
        aria-describedby={readOnlyNoticeId}
      >
        Cancel
      </Button>
    );
  }

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!cancel.isPending) setOpen(next);
        if (!next) cancel.reset();
      }}
    >
      <AlertDialog.Trigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Cancel booking: ${label}`}>
          Cancel
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-slate-900/50" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-xl bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">
            Cancel this booking?
          </AlertDialog.Title>
          <AlertDialog.Description className="text-sm text-slate-600">
            {label}. The slot becomes free for others at once.
          </AlertDialog.Description>
          {cancel.isError ? <Alert tone="error">{describeError(cancel.error)}</Alert> : null}
          <div className="flex justify-end gap-3">
            <AlertDialog.Cancel className={buttonClasses('secondary')}>
              Keep booking
            </AlertDialog.Cancel>
            <Button
              variant="danger"
              pending={cancel.isPending}
              onClick={() => cancel.mutate({ bookingId })}
            >
              Cancel booking
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
