'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Flag, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/react';
import { ReportWordsField } from './report-words-field';

/** One view of the member's account, as every place that offers the report knows it. */
export interface ReportableView {
  id: string;
  viewerName: string;
  locationName: string;
  /** Still going: the report ends it. */
  live: boolean;
  report: { id: string; words: string | null; createdAt: Date } | null;
}

type View = ReportableView;

/**
 * "I did not expect this" for one view of the member's account (Account activity, the bell): a
 * few words (optional), then the server ends the view if it is still going and tells the
 * location's managers. Once reported, the same place shows the report instead.
 */
export function ReportDialog({ view, wordsMaxLength }: { view: View; wordsMaxLength: number }) {
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const viewer = view.viewerName;
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!sending) setOpen(next);
      }}
    >
      <Dialog.Trigger asChild>
        {view.report ? (
          <Button
            variant="ghost"
            size="sm"
            aria-label={`Reported: see your report of ${viewer}'s view`}
          >
            <Flag aria-hidden="true" className="size-4" />
            Reported
          </Button>
        ) : (
          <Button
            variant="secondary"
            size="sm"
            aria-label={`I did not expect this view by ${viewer}`}
          >
            <Flag aria-hidden="true" className="size-4" />I did not expect this
          </Button>
        )}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-slate-900/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl">
          <div className="flex items-start justify-between gap-4">
            <Dialog.Title className="text-lg font-semibold text-slate-900">
              {view.report ? 'Your report' : 'I did not expect this'}
            </Dialog.Title>
            <Dialog.Close
              aria-label="Close"
              className="-m-1 rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
            >
              <X aria-hidden="true" className="size-5" />
            </Dialog.Close>
          </div>
          {view.report ? (
            <SentReport view={view} report={view.report} />
          ) : (
            <ReportForm
              view={view}
              wordsMaxLength={wordsMaxLength}
              onSending={setSending}
              onSent={() => setOpen(false)}
            />
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function SentReport({ view, report }: { view: View; report: NonNullable<View['report']> }) {
  return (
    <>
      <Dialog.Description className="mt-2 text-sm leading-6 text-slate-600">
        You reported {view.viewerName}&apos;s view on {formatDateTime(report.createdAt)}. The staff
        who manage {view.locationName} can see it.
      </Dialog.Description>
      <blockquote className="mt-4 rounded-lg bg-slate-50 p-3 text-sm whitespace-pre-wrap text-slate-700">
        {report.words ?? <span className="text-slate-500">You did not add any words.</span>}
      </blockquote>
      <div className="mt-5 flex justify-end">
        <Dialog.Close asChild>
          <Button variant="secondary">Close</Button>
        </Dialog.Close>
      </div>
    </>
  );
}

function ReportForm({
  view,
  wordsMaxLength,
  onSending,
  onSent,
}: {
  view: View;
  wordsMaxLength: number;
  onSending: (sending: boolean) => void;
  onSent: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [words, setWords] = useState('');
  const report = useMutation(
    trpc.impersonation.report.mutationOptions({
      onMutate: () => onSending(true),
      onSuccess: (outcome) => {
        toast.success(
          outcome.viewEnded
            ? 'Thank you. The view of your account was ended, and your report was sent.'
            : 'Thank you. Your report was sent.',
        );
        onSent();
      },
      onSettled: () => {
        onSending(false);
        return Promise.all([
          queryClient.invalidateQueries({
            queryKey: trpc.impersonation.accountActivity.queryKey(),
          }),
          queryClient.invalidateQueries(trpc.notifications.list.queryFilter()),
        ]);
      },
    }),
  );
  const { live } = view;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    report.mutate({ impersonationId: view.id, words: words.trim() || undefined });
  };

  return (
    <>
      <Dialog.Description className="mt-2 text-sm leading-6 text-slate-600">
        {live ? `${view.viewerName}'s view of your account ends as soon as you send this. ` : ''}
        The staff who manage {view.locationName} will see your report, with who viewed your account,
        when and why.
      </Dialog.Description>
      <form method="post" onSubmit={submit} noValidate className="mt-5 space-y-5">
        <ReportWordsField
          value={words}
          onChange={setWords}
          wordsMaxLength={wordsMaxLength}
          invalid={report.error?.data?.field === 'words'}
        />
        {report.isError ? <Alert tone="error">{describeError(report.error)}</Alert> : null}
        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <Dialog.Close asChild>
            <Button variant="secondary" disabled={report.isPending}>
              Cancel
            </Button>
          </Dialog.Close>
          <Button type="submit" variant="danger" pending={report.isPending}>
            {live ? 'End the view and report it' : 'Send report'}
          </Button>
        </div>
      </form>
    </>
  );
}
