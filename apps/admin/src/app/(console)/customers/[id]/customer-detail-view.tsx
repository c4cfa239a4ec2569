'use client';

import { useQuery } from '@tanstack/react-query';
import {
  ArrowLeft,
  KeyRound,
  MapPin,
  MonitorSmartphone,
  ScrollText,
  UserRoundX,
} from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState, type ReactNode } from 'react';
import { CustomerBadges } from '@/components/customer-badges';
import { PageBody, PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { Fact } from '@/components/ui/fact';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingBlock, Skeleton } from '@/components/ui/states';
import { apiErrorData, errorMessage } from '@/lib/errors';
import { formatDate, pluralize } from '@/lib/format';
import { lastListUrl } from '@/lib/list-url';
import { type CustomerDetail, useTRPC } from '@/lib/trpc';
import { AccountCard } from './account-card';
import { ImpersonateAction } from './impersonate-dialog';
import { ImpersonationHistory } from './impersonation-history';
import { SignInLockCard } from './sign-in-lock-card';
import { TeamsCard } from './teams-card';

export function CustomerDetailView({ coworkerId }: { coworkerId: number }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.coworkers.detail.queryOptions({ coworkerId }));
  const [backHref, setBackHref] = useState('/customers');
  useEffect(() => setBackHref(lastListUrl('/customers')), []);

  useEffect(() => {
    if (detail.data) document.title = `${detail.data.fullName} · Hotdesk Admin`;
  }, [detail.data]);

  const back = (
    <Link
      href={backHref}
      className="inline-flex items-center gap-1.5 font-medium text-slate-600 hover:text-teal-700"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      Back to customers
    </Link>
  );

  if (detail.isPending) {
    return (
      <PageBody>
        <PageHeader eyebrow={back} title={<Skeleton className="h-8 w-64" />} />
        <Card>
          <LoadingBlock label="Loading customer" lines={6} />
        </Card>
      </PageBody>
    );
  }

  if (detail.isError) {
    const notFound = apiErrorData(detail.error).code === 'NOT_FOUND';
    return (
      <PageBody>
        <PageHeader eyebrow={back} title={notFound ? 'Customer not found' : 'Customer'} />
        <Card>
          {notFound ? (
            <EmptyState
              icon={UserRoundX}
              title={`No customer with id ${coworkerId} in your locations`}
              action={
                <Button asChild>
                  <Link href="/customers">Search customers</Link>
                </Button>
              }
            >
              The link may be wrong, or the customer belongs to a location you do not cover.
            </EmptyState>
          ) : (
            <ErrorState
              title="This customer could not be loaded"
              message={errorMessage(detail.error)}
              onRetry={() => void detail.refetch()}
            />
          )}
        </Card>
      </PageBody>
    );
  }

  const customer = detail.data;
  return (
    <PageBody>
      <PageHeader
        eyebrow={back}
        title={customer.fullName}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <CustomerBadges customer={customer} />
            <span>{customer.email ?? 'No email address'}</span>
            <span className="inline-flex items-center gap-1">
              <MapPin aria-hidden="true" className="size-3.5" />
              {customer.location.name}
            </span>
          </span>
        }
        actions={
          <>
            <Button asChild>
              <Link
                href={`/audit?customer=${encodeURIComponent(customer.email ?? customer.fullName)}`}
              >
                <ScrollText aria-hidden="true" />
                Audit log
              </Link>
            </Button>
            <ImpersonateAction customer={customer} />
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3 lg:items-start">
        <div className="space-y-6 lg:col-span-2">
          <ProfileCard customer={customer} />
          <AccountCard coworkerId={customer.id} />
        </div>
        <div className="space-y-6">
          <Card aria-labelledby="glance-heading">
            <CardHeader id="glance-heading" title="At a glance" />
            <dl className="divide-y divide-slate-100">
              <Fact icon={MapPin} label="Location">
                {customer.location.name}
              </Fact>
              <Fact icon={MonitorSmartphone} label="Active sessions">
                <span data-testid="active-sessions">{customer.activeSessions}</span>
                <span className="block text-xs font-normal text-slate-500">
                  {customer.activeSessions === 0
                    ? 'Not signed in to the portal right now'
                    : `Signed in on ${pluralize(customer.activeSessions, 'device')} right now`}
                </span>
              </Fact>
              <Fact icon={KeyRound} label="Portal sign-in">
                {customer.hasLogin ? 'Has a login' : 'No login (profile only)'}
              </Fact>
            </dl>
          </Card>
          <SignInLockCard customer={customer} />
          <TeamsCard customer={customer} />
        </div>
      </div>
      <ImpersonationHistory coworkerId={customer.id} />
    </PageBody>
  );
}

function ProfileCard({ customer }: { customer: CustomerDetail }) {
  const rows: Array<[string, ReactNode]> = [
    ['Full name', customer.fullName],
    ['Email', customer.email ?? <span className="text-slate-500">None</span>],
    ['Company', customer.companyName ?? <span className="text-slate-500">None</span>],
    ['Type', customer.type === 'COMPANY' ? 'Company member' : 'Individual'],
    ['Status', customer.active ? 'Active' : 'Suspended (inactive)'],
    ['Customer since', formatDate(customer.createdAt)],
    [
      'Customer ID',
      <span key="id" className="font-mono">
        {customer.id}
      </span>,
    ],
  ];
  return (
    <Card aria-labelledby="profile-heading" className="lg:col-span-2">
      <CardHeader id="profile-heading" title="Profile" />
      <dl className="grid gap-x-6 sm:grid-cols-2">
        {rows.map(([label, value]) => (
          <div
            key={label}
            className="border-b border-slate-100 px-5 py-3 last:border-0 sm:[&:nth-last-child(2)]:border-0"
          >
            <dt className="text-xs font-medium text-slate-500">{label}</dt>
            <dd className="mt-0.5 text-sm text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
