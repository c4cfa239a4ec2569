/** Latency percentiles of one run, in milliseconds. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** One figure over several runs: what a reader should quote (median) and how much it moved. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of samples sorted ascending; NaN when there are none. */
function atRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  return { p50: atRank(list, 50), p95: atRank(list, 95), p99: atRank(list, 99) };
}

export function spread(values: readonly number[]): Spread {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted.at(-1) as number };
}

/** Median and min–max of each percentile across runs. */
export function spreadOfPercentiles(
  runs: readonly Percentiles[],
): Record<keyof Percentiles, Spread> {
  return {
    p50: spread(runs.map((run) => run.p50)),
    p95: spread(runs.map((run) => run.p95)),
    p99: spread(runs.map((run) => run.p99)),
  };
}

export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
