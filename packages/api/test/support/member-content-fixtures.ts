import { randomBytes } from 'node:crypto';

import { hashPassword } from '@hotdesk/auth';
import { DEMO_PASSWORD } from '@hotdesk/db';

import { type ApiTestHarness } from './api-test-harness';

/**
 * A member of the calling test's own, with nothing yet (no invoices, plan, card or PIN), who
 * signs in with the demo password: for tests that count or page through what they add.
 */
export async function addPlainMember(h: ApiTestHarness, name: string, webAddress = 'downtown') {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(4).toString('hex')}@example.com`;
  const location = await h.db.location.findUniqueOrThrow({
    where: { webAddress },
    select: { id: true, currency: true },
  });
  const user = await h.db.user.create({
    data: {
      email,
      fullName: name,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      coworkers: { create: { locationId: location.id, fullName: name, email } },
    },
    select: { coworkers: { select: { id: true } } },
  });
  return { email, coworkerId: user.coworkers[0]!.id, location };
}

export interface InvoiceSpec {
  number: string;
  issuedOn: string;
  dueOn: string;
  paidAt?: Date | null;
  lines?: Array<{ description: string; quantity: number; unitPriceMinor: number }>;
}

/** Writes invoices for a member at their location, each line's amount and the total summed. */
export async function addInvoices(
  h: ApiTestHarness,
  member: { coworkerId: number; location: { id: number; currency: string } },
  invoices: InvoiceSpec[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const invoice of invoices) {
    const lines = (
      invoice.lines ?? [{ description: 'Hot desk membership', quantity: 1, unitPriceMinor: 25000 }]
    ).map((line, position) => ({
      ...line,
      position,
      amountMinor: line.quantity * line.unitPriceMinor,
    }));
    const row = await h.db.invoice.create({
      data: {
        number: invoice.number,
        coworkerId: member.coworkerId,
        locationId: member.location.id,
        currency: member.location.currency,
        issuedOn: new Date(`${invoice.issuedOn}T00:00:00Z`),
        dueOn: new Date(`${invoice.dueOn}T00:00:00Z`),
        paidAt: invoice.paidAt ?? null,
        totalMinor: lines.reduce((sum, line) => sum + line.amountMinor, 0),
        lines: { create: lines },
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}

/** An invoice number nobody else's test uses. */
export const uniqueInvoiceNumber = (prefix: string) =>
  `${prefix}-${randomBytes(5).toString('hex').toUpperCase()}`;
