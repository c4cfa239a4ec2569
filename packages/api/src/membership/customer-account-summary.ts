import { localDayOf } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { dayOfDateColumn } from '../contract/calendar-day';
import { notFound } from '../errors';
import { invoiceStatus } from '../invoices/invoice-status';
import { viewableLocations, type Actor } from '../sessions/actor';
import { liveMembership, latestMembershipSelect } from './live-membership';
import { type CustomerAccountSummary } from './membership-contract';

const latestInvoices = 3;

/**
 * A customer's account at a glance for the operator's customer page: plan and renewal, invoices
 * (how many overdue, the latest few), upcoming bookings, and whether a card and a door PIN are
 * on file, never their digits. Outside the operator's locations the customer "does not exist":
 * the same 404 as an unknown id, as on the customer page itself.
 */
export async function summarizeCustomerAccount(
  ctx: ServiceContext,
  actor: Actor,
  coworkerId: number,
): Promise<CustomerAccountSummary> {
  const scope = viewableLocations(actor);
  const now = ctx.now();
  const upcoming = { cancelledAt: null, startsAt: { gt: now } };
  // The unpaid invoices are read beside the customer, and used only once the scope has let
  // the customer through; overdue is decided by the one rule over them (a handful at most).
  const [coworker, unpaid] = await Promise.all([
    ctx.db.coworker.findFirst({
      relationLoadStrategy: 'join',
      where: { id: coworkerId, ...(scope === 'all' ? {} : { locationId: { in: scope } }) },
      select: {
        location: { select: { timeZone: true, currency: true } },
        memberships: latestMembershipSelect,
        invoices: {
          orderBy: [{ issuedOn: 'desc' }, { id: 'desc' }],
          take: latestInvoices,
          select: {
            id: true,
            number: true,
            issuedOn: true,
            dueOn: true,
            paidAt: true,
            totalMinor: true,
            currency: true,
            location: { select: { timeZone: true } },
          },
        },
        bookings: {
          where: upcoming,
          orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
          take: 1,
          select: { startsAt: true, endsAt: true, resource: { select: { name: true } } },
        },
        paymentMethod: { select: { coworkerId: true } },
        doorAccess: { select: { coworkerId: true } },
        _count: { select: { invoices: true, bookings: { where: upcoming } } },
      },
    }),
    ctx.db.invoice.findMany({
      where: { coworkerId, paidAt: null },
      select: { dueOn: true, paidAt: true, location: { select: { timeZone: true } } },
    }),
  ]);
  if (!coworker) throw notFound(`No customer with id ${coworkerId} in your locations.`);
  const today = (timeZone: string) => localDayOf(now, timeZone);
  const statusOf = (invoice: {
    paidAt: Date | null;
    dueOn: Date;
    location: { timeZone: string };
  }) =>
    invoiceStatus(
      { paidAt: invoice.paidAt, dueOn: dayOfDateColumn(invoice.dueOn) },
      today(invoice.location.timeZone),
    );
  const next = coworker.bookings[0];
  return {
    location: coworker.location,
    membership: liveMembership(coworker.memberships[0], today(coworker.location.timeZone)),
    invoices: {
      count: coworker._count.invoices,
      overdueCount: unpaid.filter((invoice) => statusOf(invoice) === 'overdue').length,
      latest: coworker.invoices.map((invoice) => ({
        id: invoice.id,
        number: invoice.number,
        issuedOn: dayOfDateColumn(invoice.issuedOn),
        dueOn: dayOfDateColumn(invoice.dueOn),
        status: statusOf(invoice),
        totalMinor: invoice.totalMinor,
        currency: invoice.currency,
      })),
    },
    bookings: {
      upcomingCount: coworker._count.bookings,
      next: next
        ? { resourceName: next.resource.name, startsAt: next.startsAt, endsAt: next.endsAt }
        : null,
    },
    paymentMethod: { onFile: coworker.paymentMethod !== null },
    doorPin: { onFile: coworker.doorAccess !== null },
  };
}
