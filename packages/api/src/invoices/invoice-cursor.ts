import { type LocalDay } from '@hotdesk/db';
import { z } from 'zod';

import { decodeOpaqueCursor, encodeOpaqueCursor } from '../contract/opaque-cursor';

/** Where a page of a member's invoices ends: the last invoice's issue date and id (keyset). */
export interface InvoicePosition {
  issuedOn: LocalDay;
  id: number;
}

const encoded = z.object({ d: z.iso.date(), i: z.int().min(1).max(2_147_483_647) });

/** The position as opaque text for the client to hand back. */
export function encodeInvoiceCursor(position: InvoicePosition): string {
  return encodeOpaqueCursor({ d: position.issuedOn, i: position.id });
}

/** Reads a cursor back; a damaged one is the caller's fault, never a 500. */
export function decodeInvoiceCursor(cursor: string): InvoicePosition {
  const parsed = decodeOpaqueCursor(cursor, encoded, {
    field: 'cursor',
    message: 'cursor is not a position in your invoice list.',
  });
  return { issuedOn: parsed.d, id: parsed.i };
}
