import { isCalendarDay } from '@hotdesk/db';
import { z } from 'zod';

import { recordId } from '../contract/fields';

// What the booking procedures take (booking-router.ts). Wall-clock times are the location's.

export const localDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-03')
  .refine(isCalendarDay, 'is not a date in the calendar');

export const localClock = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:30');

export const availabilityInput = z.object({ resourceId: recordId, day: localDay });

export const createBookingInput = z.object({
  resourceId: recordId,
  day: localDay,
  from: localClock,
  to: localClock,
});

export const bookingIdInput = z.object({ bookingId: recordId });

export const bookingListDirections = ['upcoming', 'past'] as const;
export type BookingListDirection = (typeof bookingListDirections)[number];

export const maxBookingsPerPage = 50;

export const listBookingsInput = z.object({
  when: z.enum(bookingListDirections),
  /** `nextCursor` of the previous page; absent or null for the first. */
  cursor: z.string().max(200, 'is not a position in your bookings').nullish(),
  limit: z
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(maxBookingsPerPage, `must be at most ${maxBookingsPerPage}`)
    .default(20),
});
export type ListBookingsInput = z.infer<typeof listBookingsInput>;
