import { z } from 'zod';

import { t } from '../trpc/init';
import { sessionProcedure } from '../trpc/procedures';
import {
  availabilityInput,
  bookingIdInput,
  createBookingInput,
  listBookingsInput,
} from './booking-contract';
import { getBooking, type BookingDetail } from './booking-detail';
import { listBookings } from './booking-list';
import {
  cancelBooking,
  createBooking,
  listBookableResources,
  resourceAvailability,
} from './booking-service';

/**
 * The member's bookings. Impersonated sessions may use them too: a read-only view is refused
 * every mutation by the procedure ladder (trpc/procedures.ts), a full one acts as its real actor.
 */
export const bookingRouter = t.router({
  resources: sessionProcedure.query(({ ctx }) => listBookableResources(ctx, ctx.actor)),
  availability: sessionProcedure
    .input(availabilityInput)
    .query(({ ctx, input }) => resourceAvailability(ctx, ctx.actor, input)),
  list: sessionProcedure
    .meta({ look: { summary: 'viewed your bookings' } })
    .input(listBookingsInput)
    .query(({ ctx, input }) => listBookings(ctx, ctx.actor, input)),
  get: sessionProcedure
    .meta({
      look: {
        summary: 'opened a booking',
        subject: (output) => {
          const booking = output as BookingDetail;
          return `${booking.resource.name}, ${booking.day}`;
        },
      },
    })
    .input(bookingIdInput)
    .query(({ ctx, input }) => getBooking(ctx, ctx.actor, input.bookingId)),
  create: sessionProcedure
    .input(createBookingInput)
    .output(z.object({ bookingId: z.int() }))
    .mutation(({ ctx, input }) => createBooking(ctx, ctx.actor, input)),
  cancel: sessionProcedure
    .input(bookingIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await cancelBooking(ctx, ctx.actor, input.bookingId);
      return { ok: true as const };
    }),
});
