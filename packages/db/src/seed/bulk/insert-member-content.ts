import type pg from 'pg';
import { cellCount, type BulkLocation } from './bulk-catalogue';
import { type MemberContentPlan } from './plan-member-content';

/**
 * The set-based statements that give one batch of generated members what they come to the
 * portal for. Each expands per-member counts with generate_series and draws the details with
 * random(); the numbers that must be unique (cells, invoice numbers) come from the run.
 */

/**
 * A multiplier that walks every cell of a location exactly once: it is prime and larger than
 * any cell count, so n ↦ n·P mod cells is a permutation. Consecutive bookings of one member are
 * far apart in n (numbered by round, then member), so their cells scatter over the year.
 */
const CELL_STRIDE = 1_000_000_007n;

const PAYMENT_TERMS_DAYS = 14;

export interface BookingCounts {
  bookings: number;
  cancelledBookings: number;
}

/** Places the batch's bookings on the next unused cells of the run's floors. */
export async function insertBookings(
  client: pg.Client,
  plans: readonly MemberContentPlan[],
  locations: BulkLocation[],
  now: Date,
): Promise<BookingCounts> {
  const wanted = new Map<number, number>();
  for (const plan of plans)
    wanted.set(plan.locationId, (wanted.get(plan.locationId) ?? 0) + plan.bookings);
  for (const location of locations) {
    const cells = cellCount(location);
    if (BigInt(cells) >= CELL_STRIDE) throw new Error('Too many floors for the cell permutation');
    if (location.placed + (wanted.get(location.id) ?? 0) > cells) {
      throw new Error(`The run's floors at location ${location.id} are full`);
    }
  }
  // Every location's cells and days in one array each; a location's start in them rides along.
  // Subscripts, not joins: a join on unnest() output is planned blind and ends up nested.
  const cells = locations.flatMap((location) => location.cells);
  const days = locations.flatMap((location) => location.days);
  const offsets = { cells: [] as number[], days: [] as number[] };
  let cellsBefore = 0;
  let daysBefore = 0;
  for (const location of locations) {
    offsets.cells.push(cellsBefore);
    offsets.days.push(daysBefore);
    cellsBefore += location.cells.length;
    daysBefore += location.days.length;
  }
  const { rows } = await client.query<BookingCounts>(
    `WITH member AS (
       SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[])
         AS m(coworker_id, location_id, user_id, bookings)
     ),
     place AS (
       SELECT * FROM unnest($5::int[], $6::text[], $7::bigint[], $8::int[], $9::bigint[],
                            $10::int[], $11::int[])
         AS p(location_id, time_zone, first_n, cells_per_day, cells, first_cell, first_day)
     ),
     numbered AS (
       SELECT m.coworker_id, m.user_id, p.*,
              p.first_n - 1 + row_number() OVER (PARTITION BY m.location_id
                                                 ORDER BY round, m.coworker_id) AS n
       FROM member m
       CROSS JOIN LATERAL generate_series(1, m.bookings) AS round
       JOIN place p ON p.location_id = m.location_id
     ),
     placed AS (
       SELECT coworker_id, user_id, time_zone,
              1 + first_cell + (cell % cells_per_day)::int AS c,
              1 + first_day + (cell / cells_per_day)::int AS d
       FROM numbered CROSS JOIN LATERAL (SELECT (n * $18::bigint) % cells AS cell) k
     ),
     timed AS (
       SELECT coworker_id, user_id, ($12::int[])[c] AS resource_id,
              ($15::int[])[c] AS price_per_hour,
              ((($17::date[])[d] + make_interval(mins => ($13::int[])[c])) AT TIME ZONE time_zone)
                AT TIME ZONE 'UTC' AS starts_at,
              CASE WHEN ($16::bool[])[c] AND random() < 0.4 THEN ($14::int[])[c] / 2
                   ELSE ($14::int[])[c] END AS minutes
       FROM placed
     ),
     made AS (
       SELECT t.*,
              least(t.starts_at - make_interval(hours => 1 + floor(random() * 700)::int),
                    $19::timestamptz AT TIME ZONE 'UTC') AS created_at,
              random() < 0.05 AS cancelled
       FROM timed t
     ),
     inserted AS (
       INSERT INTO "Booking" ("resourceId", "coworkerId", "startsAt", "endsAt", "priceMinor",
                              "createdAt", "createdByUserId", "cancelledAt", "cancelledByUserId")
       SELECT resource_id, coworker_id, starts_at, starts_at + make_interval(mins => minutes),
              round(price_per_hour * minutes / 60.0)::int, created_at, user_id,
              CASE WHEN cancelled THEN created_at + (least(starts_at,
                     $19::timestamptz AT TIME ZONE 'UTC') - created_at) * random() END,
              CASE WHEN cancelled THEN user_id END
       FROM made
       RETURNING "cancelledAt" IS NOT NULL AS cancelled
     )
     SELECT count(*)::int AS bookings, count(*) FILTER (WHERE cancelled)::int AS "cancelledBookings"
     FROM inserted`,
    [
      plans.map((plan) => plan.coworkerId),
      plans.map((plan) => plan.locationId),
      plans.map((plan) => plan.userId),
      plans.map((plan) => plan.bookings),
      locations.map((location) => location.id),
      locations.map((location) => location.timeZone),
      locations.map((location) => location.placed),
      locations.map((location) => location.cells.length),
      locations.map((location) => cellCount(location)),
      offsets.cells,
      offsets.days,
      cells.map((cell) => cell.resourceId),
      cells.map((cell) => cell.startMinute),
      cells.map((cell) => cell.minutes),
      cells.map((cell) => cell.pricePerHourMinor),
      cells.map((cell) => cell.mayShorten),
      days,
      CELL_STRIDE.toString(),
      now,
    ],
  );
  for (const location of locations) location.placed += wanted.get(location.id) ?? 0;
  const counts = rows[0] ?? { bookings: 0, cancelledBookings: 0 };
  const expected = plans.reduce((sum, plan) => sum + plan.bookings, 0);
  if (counts.bookings !== expected) {
    throw new Error(`Placed ${counts.bookings} of ${expected} bookings`);
  }
  return counts;
}

export interface InvoiceCounts {
  invoices: number;
  invoiceLines: number;
}

/**
 * Invoices numbered from `firstNumber` on, newest first every `invoiceSpacingDays` before the
 * location's today, each with the membership line and up to two more; the older ones paid.
 */
export async function insertInvoices(
  client: pg.Client,
  plans: readonly MemberContentPlan[],
  locations: readonly BulkLocation[],
  firstNumber: number,
  now: Date,
): Promise<InvoiceCounts> {
  const { rows } = await client.query<InvoiceCounts>(
    `WITH member AS (
       SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[])
         AS m(coworker_id, location_id, plan_id, invoices, spacing_days)
     ),
     place AS (
       SELECT p.*, l.currency
       FROM unnest($6::int[], $7::date[]) AS p(location_id, today)
       JOIN "Location" l ON l.id = p.location_id
     ),
     drawn AS (
       SELECT m.coworker_id, m.location_id, p.today, p.currency,
              $8::bigint - 1 + row_number() OVER (ORDER BY m.coworker_id, k DESC) AS seq,
              p.today - (k * m.spacing_days + floor(random() * 4))::int AS issued_on,
              plan.name || ' membership' AS plan_line,
              CASE plan."billingPeriod" WHEN 'YEARLY' THEN plan."priceMinor" / 12
                   ELSE plan."priceMinor" END AS plan_price,
              1 + floor(random() * 3)::int AS line_count,
              1 + floor(random() * 6)::int AS room_hours,
              1 + floor(random() * 4)::int AS day_passes,
              random() AS paid_draw
       FROM member m
       CROSS JOIN LATERAL generate_series(0, m.invoices - 1) AS k
       JOIN place p ON p.location_id = m.location_id
       JOIN "Plan" plan ON plan.id = m.plan_id
     ),
     -- Ids drawn here, so the lines need no join back to the inserted invoices.
     invoice AS (
       SELECT d.*, nextval('"Invoice_id_seq"') AS id,
              'INV-' || lpad(seq::text, greatest(7, length(seq::text)), '0') AS number,
              plan_price
                + CASE WHEN line_count >= 2 THEN room_hours * 2500 ELSE 0 END
                + CASE WHEN line_count >= 3 THEN day_passes * 1500 ELSE 0 END AS total
       FROM drawn d
     ),
     inserted_invoice AS (
       INSERT INTO "Invoice" (id, number, "coworkerId", "locationId", currency, "issuedOn",
                              "dueOn", "paidAt", "totalMinor", "createdAt")
       SELECT id, number, coworker_id, location_id, currency, issued_on,
              issued_on + ${PAYMENT_TERMS_DAYS},
              CASE WHEN paid_draw < CASE WHEN issued_on < today - ${PAYMENT_TERMS_DAYS}
                                         THEN 0.97 ELSE 0.4 END
                   THEN least(issued_on + make_interval(days => floor(random() * 12)::int,
                                                        hours => 10),
                              $9::timestamptz AT TIME ZONE 'UTC') END,
              total,
              least(issued_on + interval '6 hours', $9::timestamptz AT TIME ZONE 'UTC')
       FROM invoice
       RETURNING 1
     ),
     inserted_line AS (
       INSERT INTO "InvoiceLine" ("invoiceId", position, description, quantity, "unitPriceMinor",
                                  "amountMinor")
       SELECT id, position, line.description, line.quantity, line.unit_price,
              line.quantity * line.unit_price
       FROM invoice
       CROSS JOIN LATERAL generate_series(0, line_count - 1) AS position
       CROSS JOIN LATERAL (
         SELECT CASE position WHEN 0 THEN plan_line WHEN 1 THEN 'Meeting room hours'
                              ELSE 'Day passes' END AS description,
                CASE position WHEN 0 THEN 1 WHEN 1 THEN room_hours ELSE day_passes END AS quantity,
                CASE position WHEN 0 THEN plan_price WHEN 1 THEN 2500 ELSE 1500 END AS unit_price
       ) line
       RETURNING 1
     )
     SELECT (SELECT count(*)::int FROM inserted_invoice) AS invoices,
            (SELECT count(*)::int FROM inserted_line) AS "invoiceLines"`,
    [
      plans.map((plan) => plan.coworkerId),
      plans.map((plan) => plan.locationId),
      plans.map((plan) => plan.planId),
      plans.map((plan) => plan.invoices),
      plans.map((plan) => plan.invoiceSpacingDays),
      locations.map((location) => location.id),
      locations.map((location) => location.today),
      firstNumber,
      now,
    ],
  );
  return rows[0] ?? { invoices: 0, invoiceLines: 0 };
}

export interface MemberDetailCounts {
  memberships: number;
  paymentMethods: number;
  doorAccesses: number;
  visits: number;
}

/**
 * A membership each, begun before the first invoice (ended for an inactive member), a card
 * for most, a door PIN each, and a few past visits.
 */
export async function insertMemberDetails(
  client: pg.Client,
  plans: readonly MemberContentPlan[],
  locations: readonly BulkLocation[],
  now: Date,
): Promise<MemberDetailCounts> {
  const { rows } = await client.query<MemberDetailCounts>(
    `WITH member AS (
       SELECT * FROM unnest($1::int[], $2::int[], $3::bool[], $4::int[], $5::bool[], $6::int[],
                            $11::int[])
         AS m(coworker_id, location_id, active, plan_id, has_card, visits, invoiced_days)
     ),
     place AS (
       SELECT * FROM unnest($7::int[], $8::text[], $9::date[]) AS p(location_id, time_zone, today)
     ),
     membership AS (
       INSERT INTO "Membership" ("coworkerId", "planId", "priceMinor", "startedOn", "renewsOn",
                                 "endedOn")
       SELECT m.coworker_id, m.plan_id,
              CASE WHEN random() < 0.2 THEN (plan."priceMinor" * 0.9)::int
                   ELSE plan."priceMinor" END,
              p.today - (m.invoiced_days + floor(random() * 60))::int,
              CASE WHEN m.active THEN p.today + (1 + floor(random() * 30))::int
                   ELSE ended.day END,
              CASE WHEN m.active THEN NULL ELSE ended.day END
       FROM member m
       JOIN place p ON p.location_id = m.location_id
       JOIN "Plan" plan ON plan.id = m.plan_id
       CROSS JOIN LATERAL (SELECT p.today - (1 + floor(random() * 29))::int AS day) ended
       RETURNING 1
     ),
     card AS (
       INSERT INTO "PaymentMethod" ("coworkerId", brand, last4, "expiryMonth", "expiryYear",
                                    "updatedAt")
       SELECT coworker_id,
              (ARRAY['Visa', 'Mastercard', 'American Express'])[1 + floor(random() * 3)::int],
              lpad(floor(random() * 10000)::int::text, 4, '0'),
              1 + floor(random() * 12)::int,
              extract(year FROM $10::timestamptz)::int + floor(random() * 5)::int,
              $10::timestamptz AT TIME ZONE 'UTC'
       FROM member WHERE has_card
       RETURNING 1
     ),
     door AS (
       INSERT INTO "DoorAccess" ("coworkerId", pin, "updatedAt")
       SELECT coworker_id,
              CASE WHEN random() < 0.5 THEN lpad(floor(random() * 10000)::int::text, 4, '0')
                   ELSE lpad(floor(random() * 1000000)::int::text, 6, '0') END,
              $10::timestamptz AT TIME ZONE 'UTC'
       FROM member
       RETURNING 1
     ),
     visit AS (
       INSERT INTO "Visit" ("coworkerId", "locationId", "checkedInAt", "checkedOutAt")
       SELECT coworker_id, location_id, checked_in,
              checked_in + make_interval(mins => 240 + floor(random() * 300)::int)
       FROM (
         SELECT m.coworker_id, m.location_id,
                ((p.today - (1 + k * 9 + floor(random() * 7))::int
                  + make_interval(mins => 480 + floor(random() * 120)::int))
                  AT TIME ZONE p.time_zone) AT TIME ZONE 'UTC' AS checked_in
         FROM member m
         JOIN place p ON p.location_id = m.location_id
         CROSS JOIN LATERAL generate_series(0, m.visits - 1) AS k
       ) v
       RETURNING 1
     )
     SELECT (SELECT count(*)::int FROM membership) AS memberships,
            (SELECT count(*)::int FROM card) AS "paymentMethods",
            (SELECT count(*)::int FROM door) AS "doorAccesses",
            (SELECT count(*)::int FROM visit) AS visits`,
    [
      plans.map((plan) => plan.coworkerId),
      plans.map((plan) => plan.locationId),
      plans.map((plan) => plan.active),
      plans.map((plan) => plan.planId),
      plans.map((plan) => plan.hasCard),
      plans.map((plan) => plan.visits),
      locations.map((location) => location.id),
      locations.map((location) => location.timeZone),
      locations.map((location) => location.today),
      now,
      plans.map((plan) => plan.invoices * plan.invoiceSpacingDays),
    ],
  );
  return rows[0] ?? { memberships: 0, paymentMethods: 0, doorAccesses: 0, visits: 0 };
}
