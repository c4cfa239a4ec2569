'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FilterX, Search, SearchX, Users } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react';
import { PageBody, PageHeader } from '@/components/shell/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Combobox } from '@/components/ui/combobox';
import { DataTable, type SortState } from '@/components/ui/data-table';
import { Label, Select } from '@/components/ui/field';
import { CursorPagination } from '@/components/ui/cursor-pagination';
import { pageSizeParam } from '@/components/ui/pagination';
import { LocationFilterSelect } from '@/components/location-filter-select';
import { EmptyState, ErrorState, Kbd } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import { formatNumber, pluralize } from '@/lib/format';
import { useLocationFilter, useOperator } from '@/lib/operator-context';
import { type CustomerRow, useTRPC } from '@/lib/trpc';
import { rememberListUrl } from '@/lib/list-url';
import { useDebouncedSearchParam } from '@/lib/use-debounced-search-param';
import { firstPage, intParam, oneOf, useSearchParamsState } from '@/lib/use-search-params-state';
import { customerColumns } from './customer-columns';

const sortKeys = ['name', 'email', 'created'] as const;
const statuses = ['all', 'active', 'inactive'] as const;

export function CustomersView() {
  const trpc = useTRPC();
  const router = useRouter();
  const { operator } = useOperator();
  const [params, setParams] = useSearchParamsState();
  const ids = { search: useId(), hint: useId(), status: useId(), location: useId() };
  const searchRef = useRef<HTMLInputElement>(null);

  const after = params.get('after') || undefined;
  const before = after ? undefined : params.get('before') || undefined;
  // The number is for the reader; the cursor says where the page is.
  const page = after || before ? intParam(params.get('page'), 0) || null : 1;
  const pageSize = pageSizeParam(params.get('size'));
  const status = oneOf(params.get('status'), statuses, 'all');
  const teamParam = params.get('team');
  const teamId = teamParam ? intParam(teamParam, 0) || undefined : undefined;
  const locationId = useLocationFilter(params.get('location'));
  const sort: SortState = {
    key: oneOf(params.get('sort'), sortKeys, 'name'),
    direction: oneOf(params.get('dir'), ['asc', 'desc'] as const, 'asc'),
  };

  const searchText = useDebouncedSearchParam('q');
  const urlQuery = searchText.value;
  const text = searchText.text;
  const setText = searchText.setText;

  useEffect(() => {
    rememberListUrl('/customers', `${window.location.pathname}${window.location.search}`);
  }, [params]);

  // "/" jumps to the search box from anywhere on the page, as in most consoles.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== '/' || event.metaKey || event.ctrlKey || event.altKey) return;
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const input = {
    query: urlQuery || undefined,
    locationId: locationId ?? undefined,
    status: status === 'all' ? undefined : status,
    teamId,
    sort: sort.key as (typeof sortKeys)[number],
    direction: sort.direction,
    after,
    before,
    pageSize,
  };
  const search = useQuery({
    ...trpc.coworkers.search.queryOptions(input),
    placeholderData: keepPreviousData,
  });
  const teams = useQuery({
    ...trpc.coworkers.teams.queryOptions({ locationId: locationId ?? undefined }),
    staleTime: 5 * 60_000,
  });

  const showLocation = operator.locations.length > 1 && locationId === null;
  const columns = useMemo(() => customerColumns(showLocation), [showLocation]);
  const teamOptions = useMemo(
    () =>
      (teams.data ?? []).map((team) => ({
        value: String(team.id),
        label: team.name,
        hint:
          operator.locations.length > 1 && locationId === null
            ? operator.locations.find((location) => location.id === team.locationId)?.name
            : undefined,
      })),
    [teams.data, operator.locations, locationId],
  );

  const filtered = Boolean(urlQuery || status !== 'all' || teamId || params.get('location'));
  const total = search.data?.total;
  const totalIsCapped = search.data?.totalIsCapped ?? false;
  const workingLocationName =
    operator.locations.length > 1
      ? operator.locations.find((location) => location.id === locationId)?.name
      : undefined;
  const pastTheEnd = Boolean(after || before) && search.data?.rows.length === 0;

  const clearAll = () => {
    searchText.reset();
    setParams({ q: null, status: null, team: null, location: null, ...firstPage });
  };

  // Arrow keys walk the result links; ArrowDown in the search box enters the list.
  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = Array.from(
      event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-row-link]'),
    );
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (index === -1) return;
    event.preventDefault();
    links[
      Math.max(0, Math.min(links.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))
    ]?.focus();
  };

  const counted =
    total === undefined
      ? ''
      : totalIsCapped
        ? `${formatNumber(total)}+ customers`
        : pluralize(total, 'customer');
  const summary =
    total === undefined
      ? 'Members of your locations.'
      : filtered
        ? `${counted} ${total === 1 && !totalIsCapped ? 'matches' : 'match'} your filters.`
        : `${counted} in your locations.`;

  return (
    <PageBody>
      <PageHeader title="Customers" description={summary} />
      <Card>
        <div className="grid gap-4 border-b border-slate-200 p-4 md:grid-cols-[repeat(3,minmax(0,1fr))_auto] md:items-end min-[1200px]:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))_auto]">
          <div className="md:col-span-4 min-[1200px]:col-span-1">
            <label htmlFor={ids.search} className="sr-only">
              Search customers
            </label>
            <div className="relative">
              <Search
                aria-hidden="true"
                className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
              />
              <input
                ref={searchRef}
                id={ids.search}
                type="search"
                value={text}
                onChange={(event) => setText(event.target.value)}
                onBlur={searchText.flush}
                onKeyDown={(event) => {
                  if (event.key === 'ArrowDown') {
                    const first = document.querySelector<HTMLAnchorElement>('a[data-row-link]');
                    if (first) {
                      event.preventDefault();
                      first.focus();
                    }
                  } else if (event.key === 'Escape' && text) {
                    event.preventDefault();
                    setText('');
                  }
                }}
                placeholder="Search by name or email"
                aria-describedby={ids.hint}
                autoComplete="off"
                spellCheck={false}
                className="block h-10 w-full rounded-md border border-slate-300 bg-white pr-10 pl-9 text-sm shadow-xs placeholder:text-slate-400 focus:border-teal-600 focus:ring-2 focus:ring-teal-600/20 focus:outline-none"
              />
              <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2">
                <Kbd>/</Kbd>
              </span>
            </div>
            <p id={ids.hint} className="sr-only">
              Results update as you type. Press Down arrow to move into the results.
            </p>
          </div>
          <div>
            <Label htmlFor={ids.location}>Location</Label>
            <LocationFilterSelect
              id={ids.location}
              locationId={locationId}
              onChange={(location) => setParams({ location, team: null, ...firstPage })}
            />
          </div>
          <div>
            <Label htmlFor={ids.status}>Status</Label>
            <Select
              id={ids.status}
              className="mt-1.5"
              value={status}
              onChange={(event) =>
                setParams({
                  status: event.target.value === 'all' ? null : event.target.value,
                  ...firstPage,
                })
              }
            >
              <option value="all">Any status</option>
              <option value="active">Active</option>
              <option value="inactive">Suspended</option>
            </Select>
          </div>
          <div>
            <Combobox
              label="Team"
              searchLabel="Search teams"
              emptyLabel="Any team"
              options={teamOptions}
              loading={teams.isPending}
              value={teamId ? String(teamId) : null}
              onChange={(value) => setParams({ team: value, ...firstPage })}
            />
          </div>
          <div>
            <Button
              variant="ghost"
              onClick={clearAll}
              disabled={!filtered}
              className="w-full md:w-auto"
            >
              <FilterX aria-hidden="true" />
              Clear
            </Button>
          </div>
        </div>
        <div onKeyDown={onListKeyDown}>
          <DataTable
            caption="Customers"
            columns={columns}
            data={search.data?.rows ?? noRows}
            getRowId={(row) => String(row.id)}
            status={search.status}
            fetching={search.isFetching}
            sort={sort}
            onSortChange={(next) =>
              setParams({
                sort: next.key === 'name' ? null : next.key,
                dir: next.direction === 'asc' ? null : 'desc',
                ...firstPage,
              })
            }
            onRowClick={(row) => router.push(`/customers/${row.id}`)}
            error={
              <ErrorState
                title="Customers could not be loaded"
                message={errorMessage(search.error)}
                onRetry={() => void search.refetch()}
              />
            }
            empty={
              pastTheEnd ? (
                <EmptyState
                  icon={Users}
                  title="Nothing on this page any more"
                  action={
                    <Button onClick={() => setParams(firstPage)}>Go to the first page</Button>
                  }
                >
                  Customers changed since this page was opened.
                </EmptyState>
              ) : filtered ? (
                <EmptyState
                  icon={SearchX}
                  title="No customers match"
                  action={<Button onClick={clearAll}>Clear search and filters</Button>}
                >
                  {urlQuery ? <>Nobody’s name or email contains “{urlQuery}”. </> : null}
                  Check the spelling or widen the filters.
                </EmptyState>
              ) : workingLocationName ? (
                <EmptyState
                  icon={Users}
                  title={`No customers at ${workingLocationName}`}
                  action={
                    <Button onClick={() => setParams({ location: 'all', ...firstPage })}>
                      Show all locations
                    </Button>
                  }
                />
              ) : (
                <EmptyState icon={Users} title="No customers yet">
                  Customers of your locations appear here.
                </EmptyState>
              )
            }
          />
        </div>
        <CursorPagination
          page={page}
          shown={search.data?.rows.length ?? 0}
          pageSize={pageSize}
          total={total}
          totalIsCapped={totalIsCapped}
          noun={total === 1 && !totalIsCapped ? 'customer' : 'customers'}
          hasPrevious={Boolean(search.data?.previousCursor)}
          hasNext={Boolean(search.data?.nextCursor)}
          onFirst={() => setParams(firstPage)}
          onPrevious={() =>
            setParams(
              page === 2
                ? firstPage
                : {
                    before: search.data?.previousCursor,
                    after: null,
                    page: page === null ? null : page - 1,
                  },
            )
          }
          onNext={() =>
            setParams({
              after: search.data?.nextCursor,
              before: null,
              page: page === null ? null : page + 1,
            })
          }
          onPageSizeChange={(size) => setParams({ size: size === 25 ? null : size, ...firstPage })}
        />
      </Card>
    </PageBody>
  );
}

const noRows: CustomerRow[] = [];
