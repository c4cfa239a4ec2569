import { z } from 'zod';

import { reasonMaxLength } from '../impersonation/rules';

const maxInt4 = 2_147_483_647;

/** Ids are Postgres `integer`s: anything beyond is refused here, not by the database. */
export const recordId = z.number().int().positive().max(maxInt4);

/** The same id arriving as text (REST path or query). */
export const recordIdParam = z
  .string({ error: 'is required' })
  .regex(/^\d+$/, 'must be a positive integer')
  .transform(Number)
  .pipe(z.number().positive('must be a positive integer').max(maxInt4, 'is out of range'));

export const impersonationModeInput = z
  .enum(['read-only', 'full', 'READ_ONLY', 'FULL'], { error: 'must be read-only or full' })
  .transform((mode) =>
    mode === 'full' || mode === 'FULL' ? ('FULL' as const) : ('READ_ONLY' as const),
  )
  .optional();

export const reasonInput = z
  .string()
  .trim()
  .max(reasonMaxLength, `must be at most ${reasonMaxLength} characters`)
  .optional();

export const pageInput = {
  page: z.number().int().positive().max(100_000).default(1),
  pageSize: z.number().int().positive().max(100).default(25),
};
