'use client';

import { useQuery } from '@tanstack/react-query';
import { BadgeCheck, CalendarClock, CreditCard, KeyRound, Receipt } from 'lucide-react';
import { type ReactNode } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Fact } from '@/components/ui/fact';
import { Card, CardHeader } from '@/components/ui/card';
import { LoadingBlock } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import { formatCalendarDay, formatDateTimeIn, formatMoney, pluralize } from '@/lib/format';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

type Summary = RouterOutputs['customerAccount']['summary'];
type InvoiceStatus = Summary['invoices']['latest'][number]['status'];

const statuses: Record<InvoiceStatus, { label: string; tone: BadgeTone }> = {
  paid: { label: 'Paid', tone: 'green' },
  due: { label: 'Due', tone: 'amber' },
  overdue: { label: 'Overdue', tone: 'red' },
};

const per = { MONTHLY: 'month', YEARLY: 'year' } as const;

/**
 * The customer's account at a glance: plan, invoices, bookings, and whether a card and a door
 * PIN are on file. Their digits never reach the admin app; the member, or staff viewing the
 * portal as them with full access, can reveal them there.
 */
export function AccountCard({ coworkerId }: { coworkerId: number }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.customerAccount.summary.queryOptions({ coworkerId }));

  return (
    <Card aria-labelledby="account-heading" data-testid="customer-account">
      <CardHeader id="account-heading" title="Account" />
      {summary.isPending ? (
        <LoadingBlock label="Loading account" lines={5} />
      ) : summary.isError ? (
        <div role="alert" className="space-y-2 px-5 py-4 text-sm text-red-700">
          <p>The account could not be loaded: {errorMessage(summary.error)}</p>
          <Button size="sm" onClick={() => void summary.refetch()}>
            Try again
          </Button>
        </div>
      ) : (
        <AccountFacts summary={summary.data} />
      )}
    </Card>
  );
}

function AccountFacts({ summary }: { summary: Summary }) {
  const { membership, invoices, bookings, location } = summary;
  return (
    <dl className="divide-y divide-slate-100">
      <Fact icon={BadgeCheck} label="Plan">
        {membership ? (
          <>
            {membership.plan.name} · {formatMoney(membership.priceMinor, location.currency)} per{' '}
            {per[membership.plan.billingPeriod]}
            <span className="block text-xs font-normal text-slate-500">
              {membership.endedOn
                ? `Ends ${formatCalendarDay(membership.endedOn)}`
                : `Renews ${formatCalendarDay(membership.renewsOn)}`}
            </span>
          </>
        ) : (
          'No active membership'
        )}
      </Fact>
      <Fact icon={Receipt} label="Invoices">
        <span className="flex flex-wrap items-center gap-2">
          {pluralize(invoices.count, 'invoice')}
          {invoices.overdueCount > 0 ? (
            <Badge tone="red">{invoices.overdueCount} overdue</Badge>
          ) : null}
        </span>
        {invoices.latest.length > 0 ? (
          <ul className="mt-1 space-y-1 text-xs font-normal text-slate-600">
            {invoices.latest.map((invoice) => (
              <li key={invoice.id} className="flex flex-wrap items-center gap-2">
                <span className="font-mono">{invoice.number}</span>
                <Badge tone={statuses[invoice.status].tone}>{statuses[invoice.status].label}</Badge>
                <span>{formatMoney(invoice.totalMinor, invoice.currency)}</span>
                <span className="text-slate-500">due {formatCalendarDay(invoice.dueOn)}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </Fact>
      <Fact icon={CalendarClock} label="Upcoming bookings">
        {pluralize(bookings.upcomingCount, 'booking')}
        {bookings.next ? (
          <span className="block text-xs font-normal text-slate-500">
            Next: {bookings.next.resourceName},{' '}
            {formatDateTimeIn(bookings.next.startsAt, location.timeZone)}
          </span>
        ) : null}
      </Fact>
      <Fact icon={CreditCard} label="Payment method">
        {summary.paymentMethod.onFile ? <Masked>Card on file</Masked> : 'No card on file'}
      </Fact>
      <Fact icon={KeyRound} label="Door PIN">
        {summary.doorPin.onFile ? <Masked>••••</Masked> : 'Not set'}
      </Fact>
    </dl>
  );
}

function Masked({ children }: { children: ReactNode }) {
  return (
    <span className="flex flex-wrap items-center gap-2">
      {children}
      <Badge>Masked</Badge>
    </span>
  );
}
