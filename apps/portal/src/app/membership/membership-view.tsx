'use client';

import { useQuery } from '@tanstack/react-query';
import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { BadgeCheck, DoorOpen } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingRows } from '@/components/ui/skeleton';
import { formatCalendarDay, formatMoney, formatTimeIn } from '@/lib/format';
import { useTRPC } from '@/trpc/react';
import { DoorPinCard, PaymentMethodCard } from './secret-cards';
import { ListTableHead } from '@/components/ui/list-table-head';
import { LoadError } from '@/components/ui/load-error';

type Overview = inferRouterOutputs<PortalRouter>['membership']['get'];

const per = { MONTHLY: 'month', YEARLY: 'year' } as const;

export function MembershipView() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.membership.get.queryOptions());

  if (overview.isPending) {
    return (
      <Card>
        <LoadingRows rows={5} label="Loading your membership…" />
      </Card>
    );
  }
  if (overview.isError) {
    return <LoadError title="Your membership could not be loaded" query={overview} />;
  }

  const data = overview.data;
  return (
    <div className="grid gap-6 lg:grid-cols-3 lg:items-start">
      <div className="space-y-6 lg:col-span-2">
        <PlanCard overview={data} />
        <VisitsCard overview={data} />
      </div>
      <div className="space-y-6">
        <PaymentMethodCard paymentMethod={data.paymentMethod} />
        <DoorPinCard doorPin={data.doorPin} />
      </div>
    </div>
  );
}

function PlanCard({ overview }: { overview: Overview }) {
  const membership = overview.membership;
  if (!membership) {
    return (
      <Card title="Plan">
        <EmptyState icon={BadgeCheck} title="No active membership">
          Ask the front desk at {overview.location.name} about the plans on offer.
        </EmptyState>
      </Card>
    );
  }
  const { plan } = membership;
  const money = (minor: number) => formatMoney(minor, overview.location.currency);
  const facts: Array<[string, string]> = [
    ['Your price', `${money(membership.priceMinor)} per ${per[plan.billingPeriod]}`],
    ['Member since', formatCalendarDay(membership.startedOn)],
    [
      membership.endedOn ? 'Ends on' : 'Renews on',
      formatCalendarDay(membership.endedOn ?? membership.renewsOn),
    ],
  ];
  return (
    <Card title="Plan" description={`At ${overview.location.name}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-lg font-semibold text-slate-900">{plan.name}</p>
        <p className="text-sm text-slate-600">
          List price {money(plan.priceMinor)} per {per[plan.billingPeriod]}
        </p>
      </div>
      {plan.description ? <p className="mt-1 text-sm text-slate-600">{plan.description}</p> : null}
      <dl className="mt-4 grid gap-4 border-t border-slate-100 pt-4 sm:grid-cols-3">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
            <dd className="mt-0.5 text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function VisitsCard({ overview }: { overview: Overview }) {
  const { timeZone, name } = overview.location;
  return (
    <Card title="Recent visits" description={`Check-ins at ${name}, in its local time.`}>
      {overview.visits.length === 0 ? (
        <EmptyState icon={DoorOpen} title="No visits yet">
          Your check-ins at the door appear here.
        </EmptyState>
      ) : (
        <div className="-mx-5 -my-4 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Your last {overview.visits.length} visits</caption>
            <ListTableHead
              columns={[{ label: 'Day' }, { label: 'Checked in' }, { label: 'Checked out' }]}
            />
            <tbody className="divide-y divide-slate-100">
              {overview.visits.map((visit) => (
                <tr key={visit.id}>
                  <th scope="row" className="px-5 py-3 text-left font-medium text-slate-900">
                    {formatCalendarDay(visit.day)}
                  </th>
                  <td className="px-3 py-3 text-slate-700 tabular-nums">
                    {formatTimeIn(visit.checkedInAt, timeZone)}
                  </td>
                  <td className="px-5 py-3 text-slate-700 tabular-nums">
                    {visit.checkedOutAt ? formatTimeIn(visit.checkedOutAt, timeZone) : 'Still in'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
