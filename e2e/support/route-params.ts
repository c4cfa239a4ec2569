import { randomUUID } from 'node:crypto';
import { type PrismaClient } from '@hotdesk/db';
import { dynamicSegmentsOf, type AppName } from './app-routes';
import { withSystemDatabase } from './database';

export interface ParamLookup {
  db: PrismaClient;
  /**
   * E-mail of the demo member whose pages are shown: the one signed in to the portal, the one
   * viewed through an impersonation, or the customer an operator opens in the admin app.
   */
  member: string;
}

type SegmentValue = (lookup: ParamLookup) => Promise<number | string>;

async function customerIdOf({ db, member }: ParamLookup) {
  const { id } = await db.coworker.findFirstOrThrow({
    where: { email: member },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  return id;
}

/** A team of the member's, one they administer when there is one. */
async function teamIdOf({ db, member }: ParamLookup) {
  const { teamId } = await db.teamMember.findFirstOrThrow({
    where: { coworker: { email: member } },
    orderBy: [{ isAdministrator: 'desc' }, { teamId: 'asc' }],
    select: { teamId: true },
  });
  return teamId;
}

/** The member's newest invoice (an unpaid one where there is one: it has the most to show). */
async function invoiceIdOf({ db, member }: ParamLookup) {
  const { id } = await db.invoice.findFirstOrThrow({
    where: { coworker: { email: member } },
    orderBy: [{ issuedOn: 'desc' }, { id: 'desc' }],
    select: { id: true },
  });
  return id;
}

/** The member's next booking, else their latest. */
async function bookingIdOf({ db, member }: ParamLookup) {
  const where = { coworker: { email: member }, cancelledAt: null };
  const next = await db.booking.findFirst({
    where: { ...where, startsAt: { gt: new Date() } },
    orderBy: { startsAt: 'asc' },
    select: { id: true },
  });
  const { id } =
    next ??
    (await db.booking.findFirstOrThrow({
      where,
      orderBy: { startsAt: 'desc' },
      select: { id: true },
    }));
  return id;
}

/**
 * The member's latest impersonation. Without one (a signed-out visitor, who lands on sign-in
 * whatever the id), an id that names none.
 */
async function impersonationIdOf({ db, member }: ParamLookup) {
  const latest = await db.impersonation.findFirst({
    where: { target: { email: member } },
    orderBy: { issuedAt: 'desc' },
    select: { id: true },
  });
  return latest?.id ?? randomUUID();
}

/**
 * What fills each dynamic segment of the apps' routes, looked up in the run's demo data. Keyed
 * by the route up to and including the segment, so every page below it (`/customers/[id]/…`)
 * gets the same value, and an `[id]` of another route is never filled by mistake. A page with a
 * dynamic segment missing here fails the accessibility check of every page, naming it.
 */
export const demoRouteParams: Record<AppName, Record<string, SegmentValue>> = {
  admin: {
    '/customers/[id]': customerIdOf,
    '/impersonations/[id]': impersonationIdOf,
  },
  portal: {
    '/team/permissions/[teamId]': teamIdOf,
    '/invoices/[invoiceId]': invoiceIdOf,
    '/bookings/[bookingId]': bookingIdOf,
  },
};

export interface FilledRoute {
  pattern: string;
  path: string;
}

/** The URL paths of `patterns` with every dynamic segment filled for `member`. */
export async function fillRoutes(
  app: AppName,
  patterns: string[],
  member: string,
): Promise<FilledRoute[]> {
  const values = demoRouteParams[app];
  const unknown = patterns.flatMap((pattern) =>
    dynamicSegmentsOf(pattern)
      .filter(({ prefix }) => !(prefix in values))
      .map(({ segment, prefix }) => `${segment} of ${app} ${pattern} (add '${prefix}')`),
  );
  if (unknown.length > 0) {
    throw new Error(
      `no demo value for the dynamic segment ${unknown.join(', ')}: add it to demoRouteParams in e2e/support/route-params.ts`,
    );
  }
  return withSystemDatabase(async (db) => {
    const filled: FilledRoute[] = [];
    for (const pattern of patterns) {
      let path = pattern;
      for (const { segment, prefix } of dynamicSegmentsOf(pattern)) {
        const value = await values[prefix]!({ db, member });
        path = path.replace(segment, String(value));
      }
      filled.push({ pattern, path });
    }
    return filled;
  });
}
