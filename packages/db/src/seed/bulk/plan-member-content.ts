import { LOGIN_SHARE } from './generate-coworkers';

/**
 * How much each generated member has, decided here so the run knows its totals before the SQL
 * that writes the rows (which draws the details itself: times, amounts, card digits).
 */
export interface MemberContentPlan {
  coworkerId: number;
  locationId: number;
  userId: number | null;
  active: boolean;
  bookings: number;
  invoices: number;
  /** Days between two invoices: monthly, or weekly for a frequent member. */
  invoiceSpacingDays: number;
  visits: number;
  hasCard: boolean;
  planId: number;
}

/**
 * Members with a login who book several times a week, so some lists run to hundreds of rows
 * (about half a percent of all members).
 */
const FREQUENT_SHARE_OF_LOGINS = 0.01;
const FREQUENT_BOOKINGS: [number, number] = [200, 300];
const FREQUENT_INVOICES: [number, number] = [100, 150];
const BOOKINGS: [number, number] = [6, 14];
const INVOICES: [number, number] = [6, 14];
const VISITS: [number, number] = [0, 6];
const CARD_SHARE = 0.85;

/** Bookings a member has on average, for sizing the floors before anyone is generated. */
export const EXPECTED_BOOKINGS_PER_MEMBER =
  (BOOKINGS[0] + BOOKINGS[1]) / 2 +
  (LOGIN_SHARE * FREQUENT_SHARE_OF_LOGINS * (FREQUENT_BOOKINGS[0] + FREQUENT_BOOKINGS[1])) / 2;

const between = (random: () => number, [low, high]: [number, number]) =>
  low + Math.floor(random() * (high - low + 1));

/**
 * One plan per coworker. Frequent members are active members with a login (someone must be
 * able to sign in and page through them); the first such member of every batch is one, so
 * even a small run has one.
 */
export function planMemberContent(
  random: () => number,
  coworkers: ReadonlyArray<{
    id: number;
    locationId: number;
    userId: number | null;
    active: boolean;
  }>,
  planIdsByLocation: ReadonlyMap<number, readonly number[]>,
): MemberContentPlan[] {
  let frequentSeen = false;
  return coworkers.map((coworker) => {
    const eligible = coworker.userId !== null && coworker.active;
    const frequent = eligible && (!frequentSeen || random() < FREQUENT_SHARE_OF_LOGINS);
    if (frequent) frequentSeen = true;
    const plans = planIdsByLocation.get(coworker.locationId) ?? [];
    if (plans.length === 0) throw new Error(`No plans at location ${coworker.locationId}`);
    return {
      coworkerId: coworker.id,
      locationId: coworker.locationId,
      userId: coworker.userId,
      active: coworker.active,
      bookings: between(random, frequent ? FREQUENT_BOOKINGS : BOOKINGS),
      invoices: between(random, frequent ? FREQUENT_INVOICES : INVOICES),
      invoiceSpacingDays: frequent ? 7 : 30,
      visits: between(random, VISITS),
      hasCard: random() < CARD_SHARE,
      planId: plans[Math.floor(random() * plans.length)] as number,
    };
  });
}
