import { hotQuery, Prisma, type ResourceKind } from '@hotdesk/db';
import { z } from 'zod';

import { decodeOpaqueCursor, encodeOpaqueCursor } from '../contract/opaque-cursor';
import { type ServiceContext } from '../context';
import { badRequest, notFound } from '../errors';
import { type Actor } from '../sessions/actor';
import { type BookingListDirection, type ListBookingsInput } from './booking-contract';
import { cancellationRefusal } from './booking-rules';

export interface BookingListItem {
  id: number;
  resource: { id: number; name: string; kind: ResourceKind };
  startsAt: Date;
  endsAt: Date;
  priceMinor: number;
  currency: string;
  /** The location's zone: the booking's times are shown on its clocks. */
  timeZone: string;
  cancelledAt: Date | null;
  /** Started and not yet over (listed with the past ones, which have started too). */
  inProgress: boolean;
  canCancel: boolean;
}

export interface BookingListPage {
  items: BookingListItem[];
  /** Give it back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** Where a page starts: the last row of the previous page, in that list's order. */
interface ListPosition {
  when: BookingListDirection;
  startsAt: Date;
  id: number;
}

const encodedPosition = z.object({
  w: z.enum(['upcoming', 'past']),
  s: z.iso.datetime(),
  i: z.number().int().positive(),
});

function encodeCursor(position: ListPosition): string {
  const json = { w: position.when, s: position.startsAt.toISOString(), i: position.id };
  return encodeOpaqueCursor(json);
}

function decodeCursor(cursor: string, when: BookingListDirection): ListPosition {
  const parsed = decodeOpaqueCursor(cursor, encodedPosition, {
    field: 'cursor',
    message: 'cursor: is not a position in your bookings.',
  });
  if (parsed.w !== when)
    throw badRequest('cursor', `cursor: belongs to your ${parsed.w} bookings.`);
  return { when, startsAt: new Date(parsed.s), id: parsed.i };
}

interface Row {
  id: number;
  startsAt: Date;
  endsAt: Date;
  priceMinor: number;
  cancelledAt: Date | null;
  resourceId: number;
  resourceName: string;
  resourceKind: ResourceKind;
  timeZone: string;
  currency: string;
}

// Upcoming: not started yet, soonest first. Past: started, latest first (so a booking under
// way heads the past list). Both walk the index (coworkerId, startsAt, id) from the cursor.
function pageStatement(
  coworkerId: number,
  now: Date,
  when: BookingListDirection,
  from: ListPosition | null,
  limit: number,
): Prisma.Sql {
  const upcoming = when === 'upcoming';
  const split = upcoming ? Prisma.sql`b."startsAt" > ${now}` : Prisma.sql`b."startsAt" <= ${now}`;
  const after = !from
    ? Prisma.empty
    : upcoming
      ? Prisma.sql`AND (b."startsAt", b."id") > (${from.startsAt}::timestamp(3), ${from.id}::int)`
      : Prisma.sql`AND (b."startsAt", b."id") < (${from.startsAt}::timestamp(3), ${from.id}::int)`;
  const order = upcoming
    ? Prisma.sql`b."startsAt" ASC, b."id" ASC`
    : Prisma.sql`b."startsAt" DESC, b."id" DESC`;
  return Prisma.sql`
    SELECT b."id", b."startsAt", b."endsAt", b."priceMinor", b."cancelledAt",
      r."id" AS "resourceId", r."name" AS "resourceName", r."kind" AS "resourceKind",
      l."timeZone", l."currency"
    FROM "Booking" b
    JOIN "Resource" r ON r."id" = b."resourceId"
    JOIN "Location" l ON l."id" = r."locationId"
    WHERE b."coworkerId" = ${coworkerId} AND ${split} ${after}
    ORDER BY ${order}
    LIMIT ${limit + 1}`;
}

/**
 * A page of the current profile's upcoming or past bookings, cancelled ones included. Keyset
 * pagination: page 40 costs what page 1 costs, and a booking made meanwhile never shifts one.
 */
export async function listBookings(
  ctx: ServiceContext,
  actor: Actor,
  input: ListBookingsInput,
): Promise<BookingListPage> {
  if (actor.coworkerId === null) throw notFound('This session has no current profile.');
  const coworkerId = actor.coworkerId;
  const from = input.cursor ? decodeCursor(input.cursor, input.when) : null;
  const now = ctx.now();
  const rows = await hotQuery<Row[]>(
    ctx.db,
    pageStatement(coworkerId, now, input.when, from, input.limit),
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      resource: { id: row.resourceId, name: row.resourceName, kind: row.resourceKind },
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      priceMinor: row.priceMinor,
      currency: row.currency,
      timeZone: row.timeZone,
      cancelledAt: row.cancelledAt,
      inProgress: !row.cancelledAt && row.startsAt <= now && row.endsAt > now,
      canCancel: cancellationRefusal({ ...row, coworkerId }, coworkerId, now) === null,
    })),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({ when: input.when, startsAt: last.startsAt, id: last.id })
        : null,
  };
}
