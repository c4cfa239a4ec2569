import { type z } from 'zod';

import { badRequest } from '../errors';

/** A keyset position as opaque, URL-safe text for the client to hand back. */
export function encodeOpaqueCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * Reads a cursor back in the shape it was written in; a damaged or forged one is the caller's
 * fault (400 naming `field`), never a 500.
 */
export function decodeOpaqueCursor<T>(
  cursor: string,
  shape: z.ZodType<T>,
  refusal: { field: string; message: string },
): T {
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw badRequest(refusal.field, refusal.message);
  }
}
