import { type LocalDay } from '@hotdesk/db';
import { z } from 'zod';

/**
 * A calendar date as the apps show it, `YYYY-MM-DD`: a day, not an instant, so no browser's
 * time zone can move an invoice's due date to the day before.
 */
export const calendarDay = z.iso.date();

/** The day a `@db.Date` column holds: Prisma reads it as midnight UTC of that day. */
export function dayOfDateColumn(value: Date): LocalDay {
  return value.toISOString().slice(0, 10);
}
