import { TRPCError } from '@trpc/server';
import { addDays, localDayOf } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { portalRouter } from '../portal';
import { type Actor } from '../sessions/actor';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import {
  addInvoices,
  addPlainMember,
  uniqueInvoiceNumber,
} from '../../test/support/member-content-fixtures';
import { portalOverHttp } from '../../test/support/trpc-over-http';
import { trpcTestContext } from '../../test/support/trpc-test-context';

let h: ApiTestHarness;
let bob: Actor;
let alice: Actor;
let aliceInvoiceId: number;
let bobOverdueId: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = (await h.signIn('bob@example.com')).actor;
  alice = (await h.signIn('alice@example.com')).actor;
  aliceInvoiceId = (await h.db.invoice.findUniqueOrThrow({ where: { number: 'INV-0031' } })).id;
  bobOverdueId = (await h.db.invoice.findUniqueOrThrow({ where: { number: 'INV-0042' } })).id;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** The portal's procedures for `actor`, on the harness's clock or at a fixed instant. */
function portal(actor: Actor, at?: Date) {
  const { ctx } = trpcTestContext(h, 'portal', actor);
  return portalRouter.createCaller(at ? { ...ctx, now: () => at } : ctx);
}

async function refusal(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('invoices.list', () => {
  it('lists the member’s own invoices, newest first, with the status derived at their location', async () => {
    const page = await portal(bob).invoices.list({});
    const today = localDayOf(h.ctx.now(), 'Europe/London');
    expect(page).toEqual({
      items: [
        {
          id: bobOverdueId,
          number: 'INV-0042',
          issuedOn: addDays(today, -40),
          dueOn: addDays(today, -26),
          status: 'overdue',
          totalMinor: 32_500,
          currency: 'GBP',
        },
        {
          id: expect.any(Number),
          number: 'INV-0027',
          issuedOn: addDays(today, -70),
          dueOn: addDays(today, -56),
          status: 'paid',
          totalMinor: 25_000,
          currency: 'GBP',
        },
      ],
      nextCursor: null,
    });
  });

  it('pages through every invoice once, in (issued desc, id desc) order, whatever the page size', async () => {
    const member = await addPlainMember(h, 'Paula Pager');
    // 45 invoices over 15 days, three a day: ties on the date are ordered by id.
    const specs = Array.from({ length: 45 }, (_, n) => ({
      number: uniqueInvoiceNumber('PAGE'),
      issuedOn: addDays('2026-01-01', Math.floor(n / 3)),
      dueOn: addDays('2026-01-15', Math.floor(n / 3)),
      paidAt: new Date('2026-03-01T12:00:00Z'),
    }));
    const ids = await addInvoices(h, member, specs);
    const expected = ids
      .map((id, n) => ({ id, issuedOn: specs[n]!.issuedOn }))
      .sort((a, b) => b.issuedOn.localeCompare(a.issuedOn) || b.id - a.id)
      .map((row) => row.id);
    const actor = (await h.signIn(member.email)).actor;

    for (const [limit, sizes] of [
      [undefined, [20, 20, 5]],
      [50, [45]],
      [7, [7, 7, 7, 7, 7, 7, 3]],
    ] as const) {
      const seen: number[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const page = await portal(actor).invoices.list({ cursor, limit });
        seen.push(...page.items.map((item) => item.id));
        pageSizes.push(page.items.length);
        cursor = page.nextCursor;
      } while (cursor);
      expect(pageSizes, `limit ${limit}`).toEqual(sizes);
      expect(seen, `limit ${limit}`).toEqual(expected);
    }
  });

  it('keeps its place when a newer invoice is issued between two pages', async () => {
    const member = await addPlainMember(h, 'Nina Newer');
    await addInvoices(
      h,
      member,
      ['2026-02-01', '2026-03-01', '2026-04-01'].map((issuedOn) => ({
        number: uniqueInvoiceNumber('KEEP'),
        issuedOn,
        dueOn: addDays(issuedOn, 14),
      })),
    );
    const actor = (await h.signIn(member.email)).actor;
    const first = await portal(actor).invoices.list({ limit: 2 });
    await addInvoices(h, member, [
      { number: uniqueInvoiceNumber('KEEP'), issuedOn: '2026-05-01', dueOn: '2026-05-15' },
    ]);
    const second = await portal(actor).invoices.list({ cursor: first.nextCursor, limit: 2 });
    expect(first.items.map((item) => item.issuedOn)).toEqual(['2026-04-01', '2026-03-01']);
    expect(second).toMatchObject({ items: [{ issuedOn: '2026-02-01' }], nextCursor: null });
  });

  it('shows only the current profile’s invoices, in that location’s currency', async () => {
    const carol = await h.signIn('carol@example.com');
    const downtown = await portal(carol.actor).invoices.list({});
    expect(downtown.items.map((item) => [item.number, item.currency])).toEqual([
      ['INV-0035', 'GBP'],
    ]);
    await portal(carol.actor).profiles.switch({
      coworkerId: await h.coworkerIdOf('carol@example.com', 'riverside'),
    });
    const riverside = await portal(await h.actorOf(carol.accessToken)).invoices.list({});
    expect(riverside.items.map((item) => [item.number, item.currency])).toEqual([
      ['INV-0036', 'USD'],
    ]);
  });

  it('shows the member’s invoices to an operator viewing as them, read-only', async () => {
    const viewing = await impersonateViaRest(h, 'admin@downtown.hotdesk.test', bob.coworkerId!);
    const page = await portal(await h.actorOf(viewing.accessToken)).invoices.list({});
    expect(page.items.map((item) => item.number)).toEqual(['INV-0042', 'INV-0027']);
  });

  it.each([
    ['a damaged cursor', { cursor: 'not-a-cursor' }, 'cursor'],
    ['a cursor of other JSON', { cursor: Buffer.from('{"d":1}').toString('base64url') }, 'cursor'],
    ['a cursor too long', { cursor: 'x'.repeat(201) }, 'cursor'],
    ['a page of 51', { limit: 51 }, 'limit'],
    ['a page of 0', { limit: 0 }, 'limit'],
    ['a page of 1.5', { limit: 1.5 }, 'limit'],
  ])('answers %s with 400 naming the field', async (_case, input, field) => {
    const answer = await portalOverHttp(h, bob).query('invoices.list', input);
    expect(answer.status).toBe(400);
    expect(answer.error?.data).toMatchObject({ code: 'BAD_REQUEST', field });
  });
});

describe('invoices.get', () => {
  it('opens the member’s invoice with its lines, totals, location and member', async () => {
    const invoice = await portal(bob).invoices.get({ invoiceId: bobOverdueId });
    const today = localDayOf(h.ctx.now(), 'Europe/London');
    expect(invoice).toEqual({
      id: bobOverdueId,
      number: 'INV-0042',
      issuedOn: addDays(today, -40),
      dueOn: addDays(today, -26),
      status: 'overdue',
      paidOn: null,
      totalMinor: 32_500,
      currency: 'GBP',
      lines: [
        {
          position: 0,
          description: 'Hot desk membership',
          quantity: 1,
          unitPriceMinor: 25_000,
          amountMinor: 25_000,
        },
        {
          position: 1,
          description: 'Meeting room Kew, 3 hours',
          quantity: 3,
          unitPriceMinor: 2_500,
          amountMinor: 7_500,
        },
      ],
      location: { name: 'Downtown Hub' },
      member: { fullName: 'Bob Brown', companyName: 'Acme', email: 'bob@example.com' },
    });
  });

  it('answers another member’s invoice exactly as an id that does not exist: 404', async () => {
    const unknownId = 2_000_000_000;
    const others = await refusal(portal(bob).invoices.get({ invoiceId: aliceInvoiceId }));
    const unknown = await refusal(portal(bob).invoices.get({ invoiceId: unknownId }));
    expect(others.code).toBe('NOT_FOUND');
    expect(unknown.code).toBe('NOT_FOUND');
    expect(others.message.replace(String(aliceInvoiceId), '#')).toBe(
      unknown.message.replace(String(unknownId), '#'),
    );
    // Nor does viewing as Bob lend the viewer anyone else's invoices.
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', bob.coworkerId!);
    const viewer = await h.actorOf(viewing.accessToken);
    expect((await refusal(portal(viewer).invoices.get({ invoiceId: aliceInvoiceId }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await portal(alice).invoices.get({ invoiceId: aliceInvoiceId })).number).toBe(
      'INV-0031',
    );
  });

  it.each([
    ['text', 'abc'],
    ['zero', 0],
    ['a negative id', -1],
    ['a fraction', 1.5],
    ['an id beyond int4', 2_147_483_648],
    ['null', null],
    ['nothing', undefined],
  ])('answers a malformed id (%s) with 400 naming invoiceId, never a 500', async (_case, id) => {
    const answer = await portalOverHttp(h, bob).query('invoices.get', { invoiceId: id });
    expect(answer.status).toBe(400);
    expect(answer.error?.data).toMatchObject({ code: 'BAD_REQUEST', field: 'invoiceId' });
  });
});

describe('an invoice’s status, at its location’s calendar', () => {
  it('turns overdue at midnight where the invoice was issued, not where the reader is', async () => {
    const london = await addPlainMember(h, 'Lena London', 'downtown');
    const newYork = await addPlainMember(h, 'Nate NewYork', 'riverside');
    const due = { issuedOn: '2026-11-17', dueOn: '2026-12-01' };
    const [londonId] = await addInvoices(h, london, [
      { number: uniqueInvoiceNumber('LDN'), ...due },
    ]);
    const [newYorkId] = await addInvoices(h, newYork, [
      { number: uniqueInvoiceNumber('NYC'), ...due },
    ]);
    const londoner = (await h.signIn(london.email)).actor;
    const newYorker = (await h.signIn(newYork.email)).actor;
    const statusAt = async (actor: Actor, invoiceId: number, instant: string) => {
      const at = new Date(instant);
      const [listed] = (await portal(actor, at).invoices.list({})).items;
      const opened = await portal(actor, at).invoices.get({ invoiceId });
      expect(listed?.status).toBe(opened.status);
      return opened.status;
    };

    // London keeps GMT in December: its 1 December ends at 00:00 UTC.
    expect(await statusAt(londoner, londonId!, '2026-12-01T23:59:59Z')).toBe('due');
    expect(await statusAt(londoner, londonId!, '2026-12-02T00:00:00Z')).toBe('overdue');
    // New York's 1 December ends five hours later.
    expect(await statusAt(newYorker, newYorkId!, '2026-12-02T00:00:00Z')).toBe('due');
    expect(await statusAt(newYorker, newYorkId!, '2026-12-02T04:59:59Z')).toBe('due');
    expect(await statusAt(newYorker, newYorkId!, '2026-12-02T05:00:00Z')).toBe('overdue');

    // Paid is paid, however late.
    await h.db.invoice.update({
      where: { id: newYorkId! },
      data: { paidAt: new Date('2026-12-10T15:00:00Z') },
    });
    expect(await statusAt(newYorker, newYorkId!, '2027-06-01T00:00:00Z')).toBe('paid');
    const paid = await portal(newYorker, new Date('2027-06-01T00:00:00Z')).invoices.get({
      invoiceId: newYorkId!,
    });
    expect(paid.paidOn).toBe('2026-12-10');
  });
});
