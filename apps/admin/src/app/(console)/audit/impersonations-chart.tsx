'use client';

import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, CardHeader } from '@/components/ui/card';
import { ErrorState, Skeleton } from '@/components/ui/states';
import { errorMessage } from '@/lib/errors';
import { formatNumber, formatShortDay, pluralize } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';

const days = 30;

/** The server counts by UTC day; fill the days without any so the axis is continuous. */
function lastDays(counts: Array<{ day: string; count: number }>) {
  const byDay = new Map(counts.map((row) => [row.day, row.count]));
  const today = new Date();
  return Array.from({ length: days }, (_, index) => {
    const date = new Date(
      Date.UTC(
        today.getUTCFullYear(),
        today.getUTCMonth(),
        today.getUTCDate() - (days - 1 - index),
      ),
    );
    const day = date.toISOString().slice(0, 10);
    return { day, label: formatShortDay(date), count: byDay.get(day) ?? 0 };
  });
}

export function ImpersonationsChart() {
  const trpc = useTRPC();
  const perDay = useQuery({
    ...trpc.audit.impersonationsPerDay.queryOptions({ days }),
    refetchInterval: 60_000,
  });
  const series = perDay.data ? lastDays(perDay.data) : [];
  const total = series.reduce((sum, point) => sum + point.count, 0);
  const busiest = series.reduce<(typeof series)[number] | null>(
    (best, point) => (point.count > (best?.count ?? 0) ? point : best),
    null,
  );

  return (
    <Card aria-labelledby="chart-heading">
      <CardHeader
        id="chart-heading"
        title="Impersonations per day"
        description={`Portal sessions opened as a customer over the last ${days} days, in all your locations.`}
        actions={
          perDay.data ? (
            <p className="text-right">
              <span className="block text-2xl font-semibold text-slate-900 tabular-nums">
                {formatNumber(total)}
              </span>
              <span className="text-xs text-slate-500">in {days} days</span>
            </p>
          ) : null
        }
      />
      <div className="px-3 pt-4 pb-2">
        {perDay.isPending ? (
          <Skeleton className="mx-2 h-44" />
        ) : perDay.isError ? (
          <ErrorState
            title="The chart could not be loaded"
            message={errorMessage(perDay.error)}
            onRetry={() => void perDay.refetch()}
          />
        ) : (
          <figure className="relative">
            {total === 0 ? (
              <p
                aria-hidden="true"
                className="absolute inset-0 z-10 flex items-center justify-center pb-6 text-sm text-slate-500"
              >
                No impersonation sessions in the last {days} days.
              </p>
            ) : null}
            <figcaption className="sr-only">
              {total === 0
                ? `No impersonation sessions in the last ${days} days.`
                : `${pluralize(total, 'impersonation session')} in the last ${days} days${
                    busiest ? `; the busiest day was ${busiest.label} with ${busiest.count}` : ''
                  }.`}
            </figcaption>
            <BarChart
              responsive
              data={series}
              style={{ width: '100%', height: 176 }}
              margin={{ top: 4, right: 8, bottom: 0, left: -16 }}
            >
              <CartesianGrid vertical={false} stroke="#e2e8f0" />
              <XAxis
                dataKey="label"
                tickLine={false}
                axisLine={false}
                interval="preserveStartEnd"
                minTickGap={24}
                tick={{ fontSize: 12, fill: '#64748b' }}
              />
              <YAxis
                allowDecimals={false}
                tickLine={false}
                axisLine={false}
                width={40}
                tick={{ fontSize: 12, fill: '#64748b' }}
              />
              <Tooltip
                cursor={{ fill: '#f1f5f9' }}
                formatter={(value) => [value, 'Impersonations']}
                contentStyle={{ borderRadius: 8, borderColor: '#e2e8f0', fontSize: 13 }}
              />
              <Bar
                dataKey="count"
                name="Impersonations"
                fill="#0f766e"
                radius={[3, 3, 0, 0]}
                maxBarSize={28}
              />
            </BarChart>
          </figure>
        )}
      </div>
    </Card>
  );
}
