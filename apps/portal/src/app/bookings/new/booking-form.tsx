'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { toast } from 'sonner';
import { useReadOnly } from '@/components/session-context';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { LoadingRows } from '@/components/ui/skeleton';
import { describeError, isPortalClientError } from '@/lib/errors';
import { formatMoney } from '@/lib/format';
import { formatCalendarDay } from '@/lib/zoned-time';
import { useTRPC } from '@/trpc/react';
import { ReadOnlyNotice, readOnlyNoticeId } from '../read-only-notice';
import { resourceKindLabel } from '../resource-kind';
import { clockSteps, minutesOf } from './time-options';
import { LoadError } from '@/components/ui/load-error';

const fields = ['resourceId', 'day', 'from', 'to'] as const;
type Field = (typeof fields)[number];

const inputClasses =
  'mt-1.5 block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:ring-red-500';

/** The booking form: resource, day and times in the location's own time. */
export function BookingForm() {
  const trpc = useTRPC();
  const resources = useQuery(trpc.bookings.resources.queryOptions());

  if (resources.isPending) {
    return (
      <Card>
        <LoadingRows rows={4} label="Loading what can be booked…" />
      </Card>
    );
  }
  if (resources.isError) {
    return <LoadError title="What can be booked could not be loaded" query={resources} />;
  }
  return <BookingFields offer={resources.data} />;
}

type Offer = inferRouterOutputs<PortalRouter>['bookings']['resources'];

function BookingFields({ offer }: { offer: Offer }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const readOnly = useReadOnly();
  const ids = {
    resourceId: useId(),
    day: useId(),
    from: useId(),
    to: useId(),
    refused: useId(),
    taken: useId(),
  };
  const refs = {
    resourceId: useRef<HTMLSelectElement>(null),
    day: useRef<HTMLInputElement>(null),
    from: useRef<HTMLSelectElement>(null),
    to: useRef<HTMLSelectElement>(null),
  };
  const [values, setValues] = useState<Record<Field, string>>({
    resourceId: '',
    day: offer.today,
    from: '',
    to: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const { terms, location } = offer;
  const clocks = clockSteps(terms.opensAt, terms.closesAt, terms.stepMinutes);
  const resourceId = Number(values.resourceId);

  const availability = useQuery(
    trpc.bookings.availability.queryOptions(
      { resourceId, day: values.day },
      { enabled: resourceId > 0 && /^\d{4}-\d{2}-\d{2}$/.test(values.day) },
    ),
  );
  const taken = availability.data?.taken ?? [];
  const isTaken = (clock: string) =>
    taken.some(
      (slot) => minutesOf(slot.from) <= minutesOf(clock) && minutesOf(clock) < minutesOf(slot.to),
    );

  const create = useMutation(
    trpc.bookings.create.mutationOptions({
      onSuccess: ({ bookingId }) => {
        toast.success('Booked. See you there.');
        void queryClient.invalidateQueries({ queryKey: trpc.bookings.pathKey() });
        router.push(`/bookings/${bookingId}`);
      },
      onError: (error) => {
        const field = isPortalClientError(error) ? error.data?.field : null;
        if (field && (fields as readonly string[]).includes(field)) {
          // The server's words, without the field name the label already gives; the fields stay
          // enabled while a booking is sent, so the one at fault can take the focus now.
          const message = error.message.replace(new RegExp(`^${field}: `), '');
          setErrors({ [field]: message });
          refs[field as Field].current?.focus();
        }
        if (error.data?.httpStatus === 409) void availability.refetch();
      },
    }),
  );
  const fieldOfError = isPortalClientError(create.error) ? create.error.data?.field : null;
  const generalError =
    create.isError && !(fieldOfError && (fields as readonly string[]).includes(fieldOfError));

  const change = (field: Field) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Partial<Record<Field, string>> = {};
    if (!values.resourceId) missing.resourceId = 'Choose what to book.';
    if (!values.day) missing.day = 'Choose a day.';
    if (!values.from) missing.from = 'Choose a start time.';
    if (!values.to) missing.to = 'Choose an end time.';
    const first = fields.find((field) => missing[field]);
    setErrors(missing);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    create.mutate({ resourceId, day: values.day, from: values.from, to: values.to });
  };

  const locked = readOnly || offer.bookingRefused !== null;
  const describedBy = (field: Field, ...more: Array<string | false>) =>
    [errors[field] ? `${ids[field]}-error` : '', ...more].filter(Boolean).join(' ') || undefined;

  return (
    <Card
      title="Your booking"
      description={`Times are ${location.name}’s local time (${location.timeZone}). Prices in ${location.currency}.`}
    >
      <form onSubmit={submit} noValidate className="space-y-5">
        <ReadOnlyNotice />
        {offer.bookingRefused ? (
          <Alert tone="locked" id={ids.refused} title="Bookings are not available to you">
            {offer.bookingRefused}
          </Alert>
        ) : null}
        <fieldset disabled={locked} className="grid gap-5 sm:grid-cols-2">
          <FieldBox
            label="What"
            id={ids.resourceId}
            error={errors.resourceId}
            className="sm:col-span-2"
          >
            <select
              ref={refs.resourceId}
              id={ids.resourceId}
              name="resourceId"
              value={values.resourceId}
              onChange={(event) => change('resourceId')(event.target.value)}
              aria-invalid={errors.resourceId ? true : undefined}
              aria-describedby={describedBy('resourceId')}
              className={inputClasses}
            >
              <option value="">Choose a desk, room or office…</option>
              {offer.resources.map((resource) => (
                <option key={resource.id} value={resource.id}>
                  {resource.name} · {resourceKindLabel(resource.kind)} · up to {resource.capacity} ·{' '}
                  {formatMoney(resource.pricePerHourMinor, resource.currency)} an hour
                </option>
              ))}
            </select>
          </FieldBox>
          <FieldBox label="Day" id={ids.day} error={errors.day} className="sm:col-span-2">
            <input
              ref={refs.day}
              id={ids.day}
              name="day"
              type="date"
              min={offer.today}
              max={offer.lastDay}
              value={values.day}
              onChange={(event) => change('day')(event.target.value)}
              aria-invalid={errors.day ? true : undefined}
              aria-describedby={describedBy('day')}
              className={inputClasses}
            />
          </FieldBox>
          <FieldBox label="From" id={ids.from} error={errors.from}>
            <select
              ref={refs.from}
              id={ids.from}
              name="from"
              value={values.from}
              onChange={(event) => change('from')(event.target.value)}
              aria-invalid={errors.from ? true : undefined}
              aria-describedby={describedBy('from', taken.length > 0 && ids.taken)}
              className={inputClasses}
            >
              <option value="">Start…</option>
              {clocks.slice(0, -1).map((clock) => (
                <option key={clock} value={clock} disabled={isTaken(clock)}>
                  {isTaken(clock) ? `${clock} (taken)` : clock}
                </option>
              ))}
            </select>
          </FieldBox>
          <FieldBox label="To" id={ids.to} error={errors.to}>
            <select
              ref={refs.to}
              id={ids.to}
              name="to"
              value={values.to}
              onChange={(event) => change('to')(event.target.value)}
              aria-invalid={errors.to ? true : undefined}
              aria-describedby={describedBy('to')}
              className={inputClasses}
            >
              <option value="">End…</option>
              {clocks.slice(1).map((clock) => (
                <option key={clock} value={clock}>
                  {clock}
                </option>
              ))}
            </select>
          </FieldBox>
        </fieldset>
        <TakenSlots
          id={ids.taken}
          day={values.day}
          loading={availability.isFetching && !availability.data}
          taken={taken}
          failed={availability.isError}
        />
        {generalError ? <Alert tone="error">{describeError(create.error)}</Alert> : null}
        <div className="flex justify-end">
          <Button
            type="submit"
            pending={create.isPending}
            disabled={locked}
            aria-describedby={
              readOnly ? readOnlyNoticeId : offer.bookingRefused ? ids.refused : undefined
            }
          >
            Book
          </Button>
        </div>
      </form>
    </Card>
  );
}

function FieldBox({
  label,
  id,
  error,
  className,
  children,
}: {
  label: string;
  id: string;
  error: string | undefined;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function TakenSlots({
  id,
  day,
  loading,
  taken,
  failed,
}: {
  id: string;
  day: string;
  loading: boolean;
  taken: ReadonlyArray<{ from: string; to: string; yours: boolean }>;
  failed: boolean;
}) {
  if (loading) return <p className="text-sm text-slate-500">Checking what is free…</p>;
  if (failed) {
    return (
      <p className="text-sm text-slate-500">Could not check what is free; you can still try.</p>
    );
  }
  if (taken.length === 0) return null;
  return (
    <div id={id} className="text-sm text-slate-600" aria-live="polite">
      Already booked on {formatCalendarDay(day)}:{' '}
      {taken.map((slot) => `${slot.from}–${slot.to}${slot.yours ? ' (yours)' : ''}`).join(', ')}.
    </div>
  );
}
