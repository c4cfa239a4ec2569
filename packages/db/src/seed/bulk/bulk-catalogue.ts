import type pg from 'pg';
import { type BillingPeriod, type ResourceKind } from '../../generated/prisma/enums';
import { addDays, localDayOf, type LocalDay } from '../../time/local-time';

/**
 * What generated members book: per location, floors of 50 hot desks, 20 meeting rooms and 10
 * offices, as many floors as the run's bookings need. A fixed catalogue could not hold them: a
 * million bookings on 80 resources per location would be some twenty a weekday on every desk.
 *
 * Each run books only the floors it adds, and gives each (resource, cell) of its floors to one
 * booking at most, where a cell is a fixed slice of one weekday. So bookings never overlap by
 * construction (the exclusion constraint stays on and would say otherwise), and a second run
 * never has to know where the first one's bookings are.
 */
const FLOOR_PLAN: Array<{
  kind: ResourceKind;
  label: string;
  count: number;
  capacity: (index: number) => number;
  pricePerHourMinor: (capacity: number) => number;
}> = [
  {
    kind: 'HOT_DESK',
    label: 'Hot desk',
    count: 50,
    capacity: () => 1,
    pricePerHourMinor: () => 500,
  },
  {
    kind: 'MEETING_ROOM',
    label: 'Meeting room',
    count: 20,
    capacity: (index) => 4 + (index % 5) * 2,
    pricePerHourMinor: (capacity) => 1500 + capacity * 250,
  },
  {
    kind: 'PRIVATE_OFFICE',
    label: 'Office',
    count: 10,
    capacity: (index) => 2 + (index % 4) * 2,
    pricePerHourMinor: (capacity) => capacity * 1000,
  },
];

/** Cells of one day, as [start minute, length in minutes] from 08:00 to 20:00 local time. */
const CELLS: Record<ResourceKind, Array<[number, number]>> = {
  HOT_DESK: [
    [480, 240],
    [720, 240],
    [960, 240],
  ],
  MEETING_ROOM: Array.from({ length: 12 }, (_, hour) => [480 + hour * 60, 60] as [number, number]),
  PRIVATE_OFFICE: [[480, 720]],
};

const CELLS_PER_FLOOR_DAY = FLOOR_PLAN.reduce(
  (sum, group) => sum + group.count * CELLS[group.kind].length,
  0,
);

/** Bookings fall on weekdays from a year back to three months ahead of the seeding day. */
const DAYS_BACK = 365;
const DAYS_AHEAD = 91;
/** Floors are added until the expected bookings fill at most this share of the cells. */
const MAX_FILL = 0.8;

/** Extra plans at every location, besides the demo ones: generated memberships pick any. */
const BULK_PLANS: Array<{
  name: string;
  description: string;
  priceMinor: number;
  billingPeriod: BillingPeriod;
}> = [
  {
    name: 'Part-time',
    description: 'Ten days a month.',
    priceMinor: 18000,
    billingPeriod: 'MONTHLY',
  },
  {
    name: 'Full-time',
    description: 'Every weekday, any free desk.',
    priceMinor: 32000,
    billingPeriod: 'MONTHLY',
  },
  {
    name: 'Team office',
    description: 'A lockable office for up to eight.',
    priceMinor: 120000,
    billingPeriod: 'MONTHLY',
  },
  {
    name: 'Full-time, yearly',
    description: 'Every weekday for a year, two months free.',
    priceMinor: 320000,
    billingPeriod: 'YEARLY',
  },
];

export interface BulkLocation {
  id: number;
  timeZone: string;
  /** The location's calendar day when the run started. */
  today: LocalDay;
  planIds: number[];
  /** Weekdays bookings may fall on, oldest first: a cell's day is an index into it. */
  days: LocalDay[];
  /** The run's floors' cells of one day, in a fixed order. */
  cells: BulkCell[];
  /** Bookings placed so far in this run: the next one takes permuted cell number `placed`. */
  placed: number;
}

export interface BulkCell {
  resourceId: number;
  startMinute: number;
  minutes: number;
  pricePerHourMinor: number;
  /** Meeting rooms are often booked for half of their hour. */
  mayShorten: boolean;
}

export type Place = Pick<BulkLocation, 'id' | 'timeZone' | 'today'>;

export async function readLocations(client: pg.Client, now: Date): Promise<Place[]> {
  const { rows } = await client.query<{ id: number; timeZone: string }>(
    'SELECT id, "timeZone" FROM "Location" ORDER BY id',
  );
  if (rows.length === 0) throw new Error('No locations yet: run the demo seed first');
  return rows.map((row) => ({ ...row, today: localDayOf(now, row.timeZone) }));
}

/** Adds the bulk plans where missing; returns every plan id of the location. */
async function ensurePlans(client: pg.Client, locationId: number): Promise<number[]> {
  await client.query(
    `INSERT INTO "Plan" ("locationId", name, description, "priceMinor", "billingPeriod")
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::"BillingPeriod"[])
     ON CONFLICT ("locationId", name) DO NOTHING`,
    [
      locationId,
      BULK_PLANS.map((plan) => plan.name),
      BULK_PLANS.map((plan) => plan.description),
      BULK_PLANS.map((plan) => plan.priceMinor),
      BULK_PLANS.map((plan) => plan.billingPeriod),
    ],
  );
  const { rows } = await client.query<{ id: number }>(
    'SELECT id FROM "Plan" WHERE "locationId" = $1 ORDER BY id',
    [locationId],
  );
  return rows.map((row) => row.id);
}

function weekdaysAround(today: LocalDay): LocalDay[] {
  const days: LocalDay[] = [];
  for (let offset = -DAYS_BACK; offset <= DAYS_AHEAD; offset++) {
    const day = addDays(today, offset);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

function floorsFor(expectedBookings: number, weekdays: number): number {
  const cellsPerFloor = CELLS_PER_FLOOR_DAY * weekdays;
  return Math.max(1, Math.ceil(expectedBookings / (cellsPerFloor * MAX_FILL)));
}

/** Adds `floors` new floors at the location, numbered after its highest one. */
async function addFloors(
  client: pg.Client,
  locationId: number,
  floors: number,
): Promise<BulkCell[]> {
  const { rows: highest } = await client.query<{ floor: number | null }>(
    `SELECT max(substring(name FROM '^Floor ([0-9]+) · ')::int) AS floor
     FROM "Resource" WHERE "locationId" = $1`,
    [locationId],
  );
  const firstFloor = (highest[0]?.floor ?? 0) + 1;
  const resources = Array.from({ length: floors }, (_, f) =>
    FLOOR_PLAN.flatMap((group) =>
      Array.from({ length: group.count }, (_, index) => {
        const capacity = group.capacity(index);
        return {
          name: `Floor ${firstFloor + f} · ${group.label} ${String(index + 1).padStart(2, '0')}`,
          kind: group.kind,
          capacity,
          pricePerHourMinor: group.pricePerHourMinor(capacity),
        };
      }),
    ),
  ).flat();
  const { rows } = await client.query<{
    id: number;
    kind: ResourceKind;
    pricePerHourMinor: number;
  }>(
    `INSERT INTO "Resource" ("locationId", name, kind, capacity, "pricePerHourMinor")
     SELECT $1, * FROM unnest($2::text[], $3::"ResourceKind"[], $4::int[], $5::int[])
     RETURNING id, kind, "pricePerHourMinor"`,
    [
      locationId,
      resources.map((resource) => resource.name),
      resources.map((resource) => resource.kind),
      resources.map((resource) => resource.capacity),
      resources.map((resource) => resource.pricePerHourMinor),
    ],
  );
  return rows
    .sort((a, b) => a.id - b.id)
    .flatMap((resource) =>
      CELLS[resource.kind].map(([startMinute, minutes]) => ({
        resourceId: resource.id,
        startMinute,
        minutes,
        pricePerHourMinor: resource.pricePerHourMinor,
        mayShorten: resource.kind === 'MEETING_ROOM',
      })),
    );
}

/**
 * The run's catalogue at every location: plans (added once), and new floors sized for
 * `expectedBookings` spread evenly over the locations. Committed on its own: floors of a run that stops half-way
 * stay, partly booked, and the next run adds floors of its own.
 */
export async function prepareCatalogue(
  client: pg.Client,
  places: readonly Place[],
  expectedBookings: number,
): Promise<{ locations: BulkLocation[]; resources: number }> {
  const locations: BulkLocation[] = [];
  let resources = 0;
  await client.query('BEGIN');
  try {
    for (const location of places) {
      const days = weekdaysAround(location.today);
      const floors = floorsFor(expectedBookings / places.length, days.length);
      const cells = await addFloors(client, location.id, floors);
      resources += floors * FLOOR_PLAN.reduce((sum, group) => sum + group.count, 0);
      const planIds = await ensurePlans(client, location.id);
      locations.push({ ...location, planIds, days, cells, placed: 0 });
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return { locations, resources };
}

/** Cells of the run's floors at the location: days × cells of a day. */
export const cellCount = (location: BulkLocation) => location.days.length * location.cells.length;
