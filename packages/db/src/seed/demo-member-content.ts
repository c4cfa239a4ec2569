import { type BillingPeriod, type ResourceKind } from '../generated/prisma/enums';
import { type DemoAccountKey, type DemoLocationKey } from './demo-data';

/**
 * What the demo members come to the portal for (DESIGN.md, "Demo data"): bookable resources and
 * plans per location, and each member's bookings, invoices, membership, card, door PIN and
 * visits. Days are relative to the day the seed runs, in the location's own time zone, so
 * "Bob's booking tomorrow" is tomorrow wherever the demo is opened.
 */
export interface DemoResource {
  name: string;
  kind: ResourceKind;
  capacity: number;
  pricePerHourMinor: number;
}

export const demoResources: Record<DemoLocationKey, DemoResource[]> = {
  downtown: [
    { name: 'Hot desk 1', kind: 'HOT_DESK', capacity: 1, pricePerHourMinor: 500 },
    { name: 'Hot desk 2', kind: 'HOT_DESK', capacity: 1, pricePerHourMinor: 500 },
    { name: 'Meeting room Kew', kind: 'MEETING_ROOM', capacity: 6, pricePerHourMinor: 2500 },
    { name: 'Meeting room Soho', kind: 'MEETING_ROOM', capacity: 10, pricePerHourMinor: 4000 },
    { name: 'Private office 2A', kind: 'PRIVATE_OFFICE', capacity: 4, pricePerHourMinor: 6000 },
  ],
  riverside: [
    { name: 'Hot desk A', kind: 'HOT_DESK', capacity: 1, pricePerHourMinor: 700 },
    { name: 'Meeting room Hudson', kind: 'MEETING_ROOM', capacity: 8, pricePerHourMinor: 3500 },
    { name: 'Private office 12', kind: 'PRIVATE_OFFICE', capacity: 3, pricePerHourMinor: 5500 },
  ],
};

export interface DemoPlan {
  name: string;
  description: string;
  priceMinor: number;
  billingPeriod: BillingPeriod;
}

export const demoPlans: Record<DemoLocationKey, DemoPlan[]> = {
  downtown: [
    {
      name: 'Hot desk',
      description: 'Any free desk, weekdays 8–20.',
      priceMinor: 25000,
      billingPeriod: 'MONTHLY',
    },
    {
      name: 'Dedicated desk',
      description: 'Your own desk and locker, every day.',
      priceMinor: 40000,
      billingPeriod: 'MONTHLY',
    },
  ],
  riverside: [
    {
      name: 'Flex',
      description: 'Ten days a month, meeting rooms at member rates.',
      priceMinor: 30000,
      billingPeriod: 'MONTHLY',
    },
    {
      name: 'Studio',
      description: 'A private office for a year.',
      priceMinor: 1440000,
      billingPeriod: 'YEARLY',
    },
  ],
};

export interface DemoBooking {
  resource: string;
  /** Days from the seeding day, in the location's zone; negative is the past. */
  inDays: number;
  from: string;
  to: string;
}

export interface DemoInvoice {
  number: string;
  /** Issued this many days before the seeding day; due 14 days after issue. */
  issuedDaysAgo: number;
  paid: boolean;
  lines: Array<{ description: string; quantity: number; unitPriceMinor: number }>;
}

export interface DemoProfileContent {
  plan: string;
  card: { brand: string; last4: string; expiryMonth: number; expiryYear: number } | null;
  doorPin: string;
  /** Check-ins on these past days (days ago), 09:00–17:30 local time. */
  visitedDaysAgo: number[];
  bookings: DemoBooking[];
  invoices: DemoInvoice[];
}

const membershipLine = (plan: string, priceMinor: number) => ({
  description: `${plan} membership`,
  quantity: 1,
  unitPriceMinor: priceMinor,
});

/** Per demo member, per location of one of their profiles. */
export const demoMemberContent: Partial<
  Record<DemoAccountKey, Partial<Record<DemoLocationKey, DemoProfileContent>>>
> = {
  alice: {
    downtown: {
      plan: 'Dedicated desk',
      card: { brand: 'Mastercard', last4: '4444', expiryMonth: 3, expiryYear: 2029 },
      doorPin: '7315',
      visitedDaysAgo: [1, 2, 3, 6],
      bookings: [{ resource: 'Meeting room Soho', inDays: 2, from: '14:00', to: '15:30' }],
      invoices: [
        {
          number: 'INV-0031',
          issuedDaysAgo: 35,
          paid: true,
          lines: [membershipLine('Dedicated desk', 40000)],
        },
        {
          number: 'INV-0038',
          issuedDaysAgo: 5,
          paid: false,
          lines: [membershipLine('Dedicated desk', 40000)],
        },
      ],
    },
  },
  bob: {
    downtown: {
      plan: 'Hot desk',
      card: { brand: 'Visa', last4: '4242', expiryMonth: 8, expiryYear: 2028 },
      doorPin: '4821',
      visitedDaysAgo: [1, 3, 4, 8, 10],
      bookings: [
        { resource: 'Meeting room Kew', inDays: 1, from: '10:00', to: '11:00' },
        { resource: 'Hot desk 1', inDays: -7, from: '09:00', to: '17:00' },
      ],
      invoices: [
        {
          number: 'INV-0027',
          issuedDaysAgo: 70,
          paid: true,
          lines: [membershipLine('Hot desk', 25000)],
        },
        {
          number: 'INV-0042',
          issuedDaysAgo: 40,
          paid: false,
          lines: [
            membershipLine('Hot desk', 25000),
            { description: 'Meeting room Kew, 3 hours', quantity: 3, unitPriceMinor: 2500 },
          ],
        },
      ],
    },
  },
  carol: {
    downtown: {
      plan: 'Hot desk',
      card: { brand: 'American Express', last4: '1005', expiryMonth: 11, expiryYear: 2027 },
      doorPin: '2590',
      visitedDaysAgo: [2, 9],
      bookings: [{ resource: 'Hot desk 2', inDays: 2, from: '09:00', to: '13:00' }],
      invoices: [
        {
          number: 'INV-0035',
          issuedDaysAgo: 20,
          paid: true,
          lines: [membershipLine('Hot desk', 25000)],
        },
      ],
    },
    riverside: {
      plan: 'Flex',
      card: { brand: 'Visa', last4: '1881', expiryMonth: 5, expiryYear: 2030 },
      doorPin: '66104',
      visitedDaysAgo: [5],
      bookings: [{ resource: 'Meeting room Hudson', inDays: 3, from: '15:00', to: '16:00' }],
      invoices: [
        {
          number: 'INV-0036',
          issuedDaysAgo: 18,
          paid: false,
          lines: [membershipLine('Flex', 30000)],
        },
      ],
    },
  },
  erin: {
    riverside: {
      plan: 'Studio',
      card: null,
      doorPin: '9043',
      visitedDaysAgo: [1],
      bookings: [],
      invoices: [
        {
          number: 'INV-0033',
          issuedDaysAgo: 30,
          paid: true,
          lines: [membershipLine('Studio', 1440000)],
        },
      ],
    },
  },
  frank: {
    downtown: {
      plan: 'Hot desk',
      card: { brand: 'Visa', last4: '0077', expiryMonth: 1, expiryYear: 2028 },
      doorPin: '3312',
      visitedDaysAgo: [],
      bookings: [],
      invoices: [],
    },
  },
};
