import { z } from 'zod';

import { decodeOpaqueCursor, encodeOpaqueCursor } from '../contract/opaque-cursor';
import { badRequest } from '../errors';

export type CustomerSort = 'name' | 'email' | 'created';

/**
 * Where a page of the customer list starts or ends: the sort key of the row at that edge and
 * its id. The list moves by these (keyset), so page 400 costs what page 1 costs.
 */
export type SortPosition =
  | { sort: 'name'; fullName: string; id: number }
  | { sort: 'created'; createdAt: Date; id: number }
  | { sort: 'email'; email: string | null; id: number };

const encoded = z.discriminatedUnion('s', [
  z.object({ s: z.literal('name'), k: z.string(), i: z.number().int().positive() }),
  z.object({ s: z.literal('created'), k: z.iso.datetime(), i: z.number().int().positive() }),
  z.object({ s: z.literal('email'), k: z.string().nullable(), i: z.number().int().positive() }),
]);

/** The row's position, as an opaque text for the URL. */
export function encodeCursor(position: SortPosition): string {
  const key =
    position.sort === 'name'
      ? position.fullName
      : position.sort === 'created'
        ? position.createdAt.toISOString()
        : position.email;
  return encodeOpaqueCursor({ s: position.sort, k: key, i: position.id });
}

/** Reads a cursor back; a damaged one, or one from another sort, is the caller's fault. */
export function decodeCursor(field: string, cursor: string, sort: CustomerSort): SortPosition {
  const parsed = decodeOpaqueCursor(cursor, encoded, {
    field,
    message: 'is not a position in the customer list',
  });
  if (parsed.s !== sort) throw badRequest(field, `belongs to the list sorted by ${parsed.s}`);
  if (parsed.s === 'name') return { sort: 'name', fullName: parsed.k, id: parsed.i };
  if (parsed.s === 'created')
    return { sort: 'created', createdAt: new Date(parsed.k), id: parsed.i };
  return { sort: 'email', email: parsed.k, id: parsed.i };
}
