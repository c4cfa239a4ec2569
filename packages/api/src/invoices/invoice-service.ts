import { hotQuery, localDayOf, Prisma, type LocalDay } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { dayOfDateColumn } from '../contract/calendar-day';
import { notFound } from '../errors';
import { type Actor } from '../sessions/actor';
import { type InvoiceDetail, type InvoicePage } from './invoice-contract';
import { decodeInvoiceCursor, encodeInvoiceCursor } from './invoice-cursor';
import { invoiceStatus, todayIn } from './invoice-status';

interface InvoiceRow {
  id: number;
  number: string;
  issuedOn: LocalDay;
  dueOn: LocalDay;
  paidAt: Date | null;
  totalMinor: number;
  currency: string;
  timeZone: string;
}

// Dates leave as text: the driver would read a `date` as midnight in the server's own zone.
const listColumns = Prisma.sql`i."id", i."number", i."issuedOn"::text AS "issuedOn",
    i."dueOn"::text AS "dueOn", i."paidAt", i."totalMinor", i."currency", l."timeZone"`;

/**
 * One page of the current profile's invoices, newest first. Keyset paging on the index
 * (coworkerId, issuedOn desc, id desc): page 40 costs what page 1 does, and an invoice issued
 * meanwhile neither repeats nor hides a row.
 */
export async function listInvoices(
  ctx: ServiceContext,
  actor: Actor,
  page: { cursor?: string | null; limit: number },
): Promise<InvoicePage> {
  const after = page.cursor ? decodeInvoiceCursor(page.cursor) : null;
  if (actor.coworkerId === null) return { items: [], nextCursor: null };
  const rows = await hotQuery<InvoiceRow[]>(
    ctx.db,
    after
      ? Prisma.sql`SELECT ${listColumns}
          FROM "Invoice" i JOIN "Location" l ON l."id" = i."locationId"
          WHERE i."coworkerId" = ${actor.coworkerId}
            AND (i."issuedOn", i."id") < (${after.issuedOn}::date, ${after.id}::int)
          ORDER BY i."issuedOn" DESC, i."id" DESC LIMIT ${page.limit + 1}`
      : Prisma.sql`SELECT ${listColumns}
          FROM "Invoice" i JOIN "Location" l ON l."id" = i."locationId"
          WHERE i."coworkerId" = ${actor.coworkerId}
          ORDER BY i."issuedOn" DESC, i."id" DESC LIMIT ${page.limit + 1}`,
  );
  const today = todayIn(ctx.now());
  const items = rows.slice(0, page.limit).map((row) => ({
    id: row.id,
    number: row.number,
    issuedOn: row.issuedOn,
    dueOn: row.dueOn,
    status: invoiceStatus(row, today(row.timeZone)),
    totalMinor: row.totalMinor,
    currency: row.currency,
  }));
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > page.limit && last ? encodeInvoiceCursor(last) : null,
  };
}

/**
 * One of the current profile's invoices with its lines. Another member's invoice and an id that
 * does not exist get the same 404, so nobody learns which invoice ids exist.
 */
export async function getInvoice(
  ctx: ServiceContext,
  actor: Actor,
  invoiceId: number,
): Promise<InvoiceDetail> {
  const invoice =
    actor.coworkerId === null
      ? null
      : await ctx.db.invoice.findFirst({
          relationLoadStrategy: 'join',
          where: { id: invoiceId, coworkerId: actor.coworkerId },
          select: {
            id: true,
            number: true,
            currency: true,
            issuedOn: true,
            dueOn: true,
            paidAt: true,
            totalMinor: true,
            lines: {
              orderBy: { position: 'asc' },
              select: {
                position: true,
                description: true,
                quantity: true,
                unitPriceMinor: true,
                amountMinor: true,
              },
            },
            location: { select: { name: true, timeZone: true } },
            coworker: { select: { fullName: true, companyName: true, email: true } },
          },
        });
  if (!invoice) throw notFound(`No invoice with id ${invoiceId} on this account.`);
  const { timeZone, name } = invoice.location;
  const dueOn = dayOfDateColumn(invoice.dueOn);
  return {
    id: invoice.id,
    number: invoice.number,
    issuedOn: dayOfDateColumn(invoice.issuedOn),
    dueOn,
    status: invoiceStatus({ paidAt: invoice.paidAt, dueOn }, localDayOf(ctx.now(), timeZone)),
    paidOn: invoice.paidAt ? localDayOf(invoice.paidAt, timeZone) : null,
    totalMinor: invoice.totalMinor,
    currency: invoice.currency,
    lines: invoice.lines,
    location: { name },
    member: invoice.coworker,
  };
}
