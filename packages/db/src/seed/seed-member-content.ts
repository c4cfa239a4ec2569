import { type Prisma } from '../generated/prisma/client';
import { addDays, instantAt, localDayOf } from '../time/local-time';
import { demoLocations, type DemoLocationKey } from './demo-data';
import { demoPlans, demoResources, type DemoProfileContent } from './demo-member-content';

type Tx = Prisma.TransactionClient;

export interface SeedCounter {
  created: number;
}

export interface LocationRef {
  id: number;
  key: DemoLocationKey;
}

const PAYMENT_TERMS_DAYS = 14;

/** The location's bookable resources and plans; returns their ids by name. */
export async function seedLocationCatalogue(tx: Tx, location: LocationRef, counter: SeedCounter) {
  const resourceIds = new Map<string, { id: number; pricePerHourMinor: number }>();
  for (const resource of demoResources[location.key]) {
    const where = { locationId_name: { locationId: location.id, name: resource.name } };
    let row = await tx.resource.findUnique({ where });
    if (!row) {
      row = await tx.resource.create({ data: { ...resource, locationId: location.id } });
      counter.created++;
    }
    resourceIds.set(resource.name, row);
  }
  const planIds = new Map<string, { id: number; priceMinor: number }>();
  for (const plan of demoPlans[location.key]) {
    const where = { locationId_name: { locationId: location.id, name: plan.name } };
    let row = await tx.plan.findUnique({ where });
    if (!row) {
      row = await tx.plan.create({ data: { ...plan, locationId: location.id } });
      counter.created++;
    }
    planIds.set(plan.name, row);
  }
  return { resourceIds, planIds };
}

export type LocationCatalogue = Awaited<ReturnType<typeof seedLocationCatalogue>>;

/** One member profile's content; each kind is created only if the profile has none yet. */
export async function seedProfileContent(
  tx: Tx,
  input: {
    coworkerId: number;
    userId: number;
    location: LocationRef;
    catalogue: LocationCatalogue;
    content: DemoProfileContent;
    now: Date;
  },
  counter: SeedCounter,
): Promise<void> {
  const { coworkerId, userId, location, catalogue, content, now } = input;
  const { timeZone, currency } = demoLocations[location.key];
  const today = localDayOf(now, timeZone);
  const day = (offset: number) => new Date(`${addDays(today, offset)}T00:00:00Z`);

  if ((await tx.membership.count({ where: { coworkerId } })) === 0) {
    const plan = catalogue.planIds.get(content.plan)!;
    await tx.membership.create({
      data: {
        coworkerId,
        planId: plan.id,
        priceMinor: plan.priceMinor,
        startedOn: day(-200),
        renewsOn: day(18),
      },
    });
    counter.created++;
  }
  if (content.card && !(await tx.paymentMethod.findUnique({ where: { coworkerId } }))) {
    await tx.paymentMethod.create({ data: { coworkerId, ...content.card } });
    counter.created++;
  }
  if (!(await tx.doorAccess.findUnique({ where: { coworkerId } }))) {
    await tx.doorAccess.create({ data: { coworkerId, pin: content.doorPin } });
    counter.created++;
  }
  if ((await tx.visit.count({ where: { coworkerId } })) === 0 && content.visitedDaysAgo.length) {
    const { count } = await tx.visit.createMany({
      data: content.visitedDaysAgo.map((daysAgo) => ({
        coworkerId,
        locationId: location.id,
        checkedInAt: instantAt(addDays(today, -daysAgo), '09:00', timeZone),
        checkedOutAt: instantAt(addDays(today, -daysAgo), '17:30', timeZone),
      })),
    });
    counter.created += count;
  }
  if ((await tx.booking.count({ where: { coworkerId } })) === 0 && content.bookings.length) {
    const { count } = await tx.booking.createMany({
      data: content.bookings.map((booking) => {
        const resource = catalogue.resourceIds.get(booking.resource)!;
        const startsAt = instantAt(addDays(today, booking.inDays), booking.from, timeZone);
        const endsAt = instantAt(addDays(today, booking.inDays), booking.to, timeZone);
        const hours = (endsAt.getTime() - startsAt.getTime()) / 3_600_000;
        return {
          coworkerId,
          resourceId: resource.id,
          startsAt,
          endsAt,
          priceMinor: Math.round(resource.pricePerHourMinor * hours),
          createdByUserId: userId,
          createdAt: instantAt(addDays(today, Math.min(booking.inDays, 0) - 3), '12:00', timeZone),
        };
      }),
    });
    counter.created += count;
  }
  for (const invoice of content.invoices) {
    if (await tx.invoice.findUnique({ where: { number: invoice.number } })) continue;
    const lines = invoice.lines.map((line, position) => ({
      ...line,
      position,
      amountMinor: line.quantity * line.unitPriceMinor,
    }));
    await tx.invoice.create({
      data: {
        number: invoice.number,
        coworkerId,
        locationId: location.id,
        currency,
        issuedOn: day(-invoice.issuedDaysAgo),
        dueOn: day(-invoice.issuedDaysAgo + PAYMENT_TERMS_DAYS),
        paidAt: invoice.paid
          ? instantAt(addDays(today, -invoice.issuedDaysAgo + 3), '11:00', timeZone)
          : null,
        totalMinor: lines.reduce((sum, line) => sum + line.amountMinor, 0),
        lines: { create: lines },
      },
    });
    counter.created += 1 + lines.length;
  }
}
