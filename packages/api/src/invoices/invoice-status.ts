import { localDayOf, type LocalDay } from '@hotdesk/db';

export const invoiceStatuses = ['paid', 'due', 'overdue'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

/**
 * An invoice's status is never stored: paid once it is paid, overdue from the day after its due
 * date (as the calendar reads at the invoice's location, not wherever the reader is), else due.
 */
export function invoiceStatus(
  invoice: { paidAt: Date | null; dueOn: LocalDay },
  today: LocalDay,
): InvoiceStatus {
  if (invoice.paidAt) return 'paid';
  return invoice.dueOn < today ? 'overdue' : 'due';
}

/** Today's date in each time zone asked for, worked out once per zone for a list of invoices. */
export function todayIn(now: Date): (timeZone: string) => LocalDay {
  const days = new Map<string, LocalDay>();
  return (timeZone) => {
    let day = days.get(timeZone);
    if (!day) days.set(timeZone, (day = localDayOf(now, timeZone)));
    return day;
  };
}
