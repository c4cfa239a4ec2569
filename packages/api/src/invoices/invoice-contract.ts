import { z } from 'zod';

import { calendarDay } from '../contract/calendar-day';
import { recordId } from '../contract/fields';
import { invoiceStatuses } from './invoice-status';

// What the invoice procedures take and answer (invoice-router.ts). `invoices.list` is measured
// by the benchmark: its name and shape stay as they are.

export const invoicePageSize = { default: 20, max: 50 } as const;

export const listInvoicesInput = z
  .object({
    cursor: z.string().max(200, 'cursor is not a position in your invoice list.').nullish(),
    limit: z
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(invoicePageSize.max, `must be at most ${invoicePageSize.max}`)
      .default(invoicePageSize.default),
  })
  .prefault({});

export const getInvoiceInput = z.object({ invoiceId: recordId });

const money = { totalMinor: z.int(), currency: z.string().length(3) };

export const invoiceSummary = z.object({
  id: z.int(),
  number: z.string(),
  issuedOn: calendarDay,
  dueOn: calendarDay,
  status: z.enum(invoiceStatuses),
  ...money,
});

export const invoicePage = z.object({
  items: z.array(invoiceSummary),
  /** Hand it back for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const invoiceDetail = invoiceSummary.extend({
  /** The day it was paid, at the invoice's location. */
  paidOn: calendarDay.nullable(),
  lines: z.array(
    z.object({
      position: z.int(),
      description: z.string(),
      quantity: z.int(),
      unitPriceMinor: z.int(),
      amountMinor: z.int(),
    }),
  ),
  location: z.object({ name: z.string() }),
  member: z.object({
    fullName: z.string(),
    companyName: z.string().nullable(),
    email: z.string().nullable(),
  }),
});

export type InvoicePage = z.infer<typeof invoicePage>;
export type InvoiceDetail = z.infer<typeof invoiceDetail>;
