'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, FilterX, Loader2, ScrollText, SearchX } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { PageBody, PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { FieldError, Input, Label, Select } from '@/components/ui/field';
import { Pagination, pageSizeParam } from '@/components/ui/pagination';
import { LocationFilterSelect } from '@/components/location-filter-select';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { auditTypeGroup, auditTypeLabel } from '@/lib/audit-labels';
import { errorMessage } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocationFilter, useOperator } from '@/lib/operator-context';
import { type AuditEventRow, type AuditEventType, type RouterInputs, useTRPC } from '@/lib/trpc';
import { useDebouncedSearchParam } from '@/lib/use-debounced-search-param';
import { intParam, useSearchParamsState } from '@/lib/use-search-params-state';
import { auditColumns } from './audit-columns';
import { ImpersonationsChart } from './impersonations-chart';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export function AuditView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { operator } = useOperator();
  const [params, setParams] = useSearchParamsState();
  const ids = {
    type: useId(),
    actor: useId(),
    customer: useId(),
    location: useId(),
    from: useId(),
    to: useId(),
  };
  const [exporting, setExporting] = useState(false);

  const types = useQuery({ ...trpc.audit.types.queryOptions(), staleTime: Infinity });
  const actor = useDebouncedSearchParam('actor');
  const customer = useDebouncedSearchParam('customer');
  const typeParam = params.get('type');
  const type = types.data?.includes(typeParam as AuditEventType)
    ? (typeParam as AuditEventType)
    : undefined;
  const locationId = useLocationFilter(params.get('location'));
  const from = isoDay.test(params.get('from') ?? '') ? (params.get('from') as string) : '';
  const to = isoDay.test(params.get('to') ?? '') ? (params.get('to') as string) : '';
  const rangeError = from && to && from > to ? 'The end date is before the start date.' : null;
  const page = intParam(params.get('page'), 1);
  const pageSize = pageSizeParam(params.get('size'));

  const filter: RouterInputs['audit']['exportCsv'] = {
    type,
    actor: actor.value || undefined,
    customer: customer.value || undefined,
    locationId: locationId ?? undefined,
    // Whole days in the operator's time zone.
    from: from ? new Date(`${from}T00:00:00`) : undefined,
    to: to ? new Date(`${to}T23:59:59.999`) : undefined,
  };
  const list = useQuery({
    ...trpc.audit.list.queryOptions({ ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
    enabled: !rangeError && (typeParam === null || types.isSuccess),
  });

  const showLocation = operator.locations.length > 1 && locationId === null;
  const columns = useMemo(() => auditColumns(showLocation), [showLocation]);
  const groupedTypes = useMemo(() => {
    const groups = new Map<string, AuditEventType[]>();
    for (const value of types.data ?? []) {
      const group = auditTypeGroup(value);
      groups.set(group, [...(groups.get(group) ?? []), value]);
    }
    return [...groups];
  }, [types.data]);

  const filtered = Boolean(
    type || actor.value || customer.value || params.get('location') || from || to,
  );
  const clearAll = () => {
    actor.reset();
    customer.reset();
    setParams({
      type: null,
      actor: null,
      customer: null,
      location: null,
      from: null,
      to: null,
      page: null,
    });
  };

  async function exportCsv() {
    setExporting(true);
    try {
      const { csv } = await queryClient.fetchQuery({
        ...trpc.audit.exportCsv.queryOptions(filter),
        staleTime: 0,
      });
      const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'audit-log.csv';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      const rows = Math.max(0, csv.split('\r\n').filter(Boolean).length - 1);
      toast.success('Audit log exported', {
        description: `${formatNumber(rows)} ${rows === 1 ? 'event' : 'events'} saved to audit-log.csv${rows >= 50_000 ? ' (the newest 50,000)' : ''}.`,
      });
    } catch (error) {
      toast.error('Export failed', { description: errorMessage(error) });
    } finally {
      setExporting(false);
    }
  }

  const total = list.data?.total;
  const workingLocationName =
    operator.locations.length > 1
      ? operator.locations.find((location) => location.id === locationId)?.name
      : undefined;
  return (
    <PageBody>
      <PageHeader
        title="Audit log"
        description="Every sign-in, impersonation and change made while viewing as a customer, newest first."
        actions={
          <Button
            onClick={() => void exportCsv()}
            disabled={exporting || Boolean(rangeError)}
            aria-busy={exporting}
          >
            {exporting ? (
              <Loader2 aria-hidden="true" className="animate-spin" />
            ) : (
              <Download aria-hidden="true" />
            )}
            Export CSV
          </Button>
        }
      />
      <ImpersonationsChart />
      <Card aria-label="Audit events">
        <div className="grid gap-4 border-b border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-end">
          <div>
            <Label htmlFor={ids.type}>Event type</Label>
            <Select
              id={ids.type}
              className="mt-1.5"
              value={type ?? ''}
              onChange={(event) => setParams({ type: event.target.value, page: null })}
            >
              <option value="">All events</option>
              {groupedTypes.map(([group, values]) => (
                <optgroup key={group} label={group}>
                  {values.map((value) => (
                    <option key={value} value={value}>
                      {auditTypeLabel(value)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor={ids.actor}>Actor</Label>
            <Input
              id={ids.actor}
              type="search"
              className="mt-1.5"
              placeholder="Name or email"
              value={actor.text}
              onChange={(event) => actor.setText(event.target.value)}
              onBlur={actor.flush}
              autoComplete="off"
            />
          </div>
          <div>
            <Label htmlFor={ids.customer}>Customer</Label>
            <Input
              id={ids.customer}
              type="search"
              className="mt-1.5"
              placeholder="Name or email"
              value={customer.text}
              onChange={(event) => customer.setText(event.target.value)}
              onBlur={customer.flush}
              autoComplete="off"
            />
          </div>
          <div>
            <Label htmlFor={ids.location}>Location</Label>
            <LocationFilterSelect
              id={ids.location}
              locationId={locationId}
              onChange={(location) => setParams({ location, page: null })}
            />
          </div>
          <div>
            <Label htmlFor={ids.from}>From</Label>
            <Input
              id={ids.from}
              type="date"
              className="mt-1.5"
              value={from}
              max={to || undefined}
              onChange={(event) => setParams({ from: event.target.value, page: null })}
            />
          </div>
          <div>
            <Label htmlFor={ids.to}>To</Label>
            <Input
              id={ids.to}
              type="date"
              className="mt-1.5"
              value={to}
              min={from || undefined}
              onChange={(event) => setParams({ to: event.target.value, page: null })}
              aria-invalid={rangeError ? true : undefined}
              aria-describedby={rangeError ? `${ids.to}-error` : undefined}
            />
          </div>
          <div className="flex justify-end sm:col-span-2">
            <Button variant="ghost" onClick={clearAll} disabled={!filtered}>
              <FilterX aria-hidden="true" />
              Clear
            </Button>
          </div>
          {rangeError ? (
            <div className="sm:col-span-2 lg:col-span-4">
              <FieldError id={`${ids.to}-error`}>{rangeError}</FieldError>
            </div>
          ) : null}
        </div>
        <DataTable
          caption="Audit events"
          columns={columns}
          data={rangeError ? noRows : (list.data?.rows ?? noRows)}
          getRowId={(row) => row.id}
          status={rangeError ? 'success' : list.status}
          fetching={list.isFetching}
          empty={
            filtered ? (
              <EmptyState
                icon={SearchX}
                title="No events match these filters"
                action={<Button onClick={clearAll}>Clear filters</Button>}
              >
                Widen the dates or remove a filter.
              </EmptyState>
            ) : workingLocationName ? (
              <EmptyState
                icon={ScrollText}
                title={`No events at ${workingLocationName} yet`}
                action={
                  <Button onClick={() => setParams({ location: 'all', page: null })}>
                    Show all locations
                  </Button>
                }
              />
            ) : (
              <EmptyState icon={ScrollText} title="No events yet">
                Sign-ins and impersonations in your locations are recorded here.
              </EmptyState>
            )
          }
          error={
            <ErrorState
              title="The audit log could not be loaded"
              message={errorMessage(list.error)}
              onRetry={() => void list.refetch()}
            />
          }
        />
        <Pagination
          page={page}
          pageSize={pageSize}
          total={rangeError ? 0 : total}
          noun={total === 1 ? 'event' : 'events'}
          onPageChange={(next) => setParams({ page: next === 1 ? null : next })}
          onPageSizeChange={(size) => setParams({ size: size === 25 ? null : size, page: null })}
        />
      </Card>
    </PageBody>
  );
}

const noRows: AuditEventRow[] = [];
