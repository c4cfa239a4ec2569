import { type LocalDay, type Prisma } from '@hotdesk/db';

import { dayOfDateColumn } from '../contract/calendar-day';

/** The member's latest contract with its plan: what the portal and the admin app both read. */
export const latestMembershipSelect = {
  orderBy: [{ startedOn: 'desc' }, { id: 'desc' }],
  take: 1,
  select: {
    priceMinor: true,
    startedOn: true,
    renewsOn: true,
    endedOn: true,
    plan: {
      select: { name: true, description: true, priceMinor: true, billingPeriod: true },
    },
  },
} satisfies Prisma.Coworker$membershipsArgs;

type Stored = Prisma.MembershipGetPayload<{ select: typeof latestMembershipSelect.select }>;

/**
 * The contract as the member knows it, or null when there is none or it has ended: a contract
 * ending today still runs today, at the location's calendar.
 */
export function liveMembership(latest: Stored | undefined, today: LocalDay) {
  if (!latest) return null;
  const endedOn = latest.endedOn ? dayOfDateColumn(latest.endedOn) : null;
  if (endedOn !== null && endedOn < today) return null;
  return {
    plan: latest.plan,
    priceMinor: latest.priceMinor,
    startedOn: dayOfDateColumn(latest.startedOn),
    renewsOn: dayOfDateColumn(latest.renewsOn),
    endedOn,
  };
}
