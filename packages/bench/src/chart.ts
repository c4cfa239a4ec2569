/** The latency-against-concurrency chart of docs/benchmarks.md, as a plain SVG file. */
import { type BenchResults, type FlowFigures } from './results';

interface Series {
  label: string;
  color: string;
  dashed?: boolean;
  points: Array<[number, number]>;
}

const TARGET_MS = 50;
const width = 760;
const height = 420;
const margin = { top: 40, right: 250, bottom: 50, left: 60 };

function seriesOf(
  flows: FlowFigures[],
  step: string,
  percentile: 'p50' | 'p95' | 'p99',
): Array<[number, number]> {
  return flows.flatMap((flow) => {
    const value = flow.latency[step]?.[percentile].median;
    return value !== undefined && Number.isFinite(value) ? [[flow.concurrency, value]] : [];
  });
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function latencyChart(results: BenchResults, before: BenchResults | null): string {
  const { http, inProcess } = results.flow;
  const series: Series[] = [
    { label: 'HTTP flow p50', color: '#1f77b4', points: seriesOf(http, 'total', 'p50') },
    { label: 'HTTP flow p95', color: '#0b3d91', points: seriesOf(http, 'total', 'p95') },
    { label: 'HTTP grant p99', color: '#ff7f0e', points: seriesOf(http, 'grant', 'p99') },
    { label: 'HTTP exchange p99', color: '#d62728', points: seriesOf(http, 'exchange', 'p99') },
    { label: 'HTTP profiles p99', color: '#9467bd', points: seriesOf(http, 'profiles', 'p99') },
    {
      label: 'in-process flow p95',
      color: '#2ca02c',
      dashed: true,
      points: seriesOf(inProcess, 'total', 'p95'),
    },
  ];
  if (before) {
    series.push({
      label: 'before: HTTP flow p95',
      color: '#7f7f7f',
      dashed: true,
      points: seriesOf(before.flow.http, 'total', 'p95'),
    });
  }
  const concurrencies = [...new Set(http.map((flow) => flow.concurrency))].sort((a, b) => a - b);
  const values = series.flatMap((s) => s.points.map(([, v]) => v)).filter((v) => v > 0);
  const low = 10 ** Math.floor(Math.log10(values.length ? Math.min(...values) : 1));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values, 10 * low, TARGET_MS)));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  // Concurrency 1, 16, 64 sit evenly apart; latency on a log scale (it spans decades).
  const x = (concurrency: number) =>
    margin.left +
    (concurrencies.length === 1
      ? plotWidth / 2
      : (concurrencies.indexOf(concurrency) / (concurrencies.length - 1)) * plotWidth);
  const y = (ms: number) =>
    margin.top +
    plotHeight -
    ((Math.log10(Math.max(ms, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))) *
      plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="24" font-size="15" font-weight="bold">Impersonation flow latency against concurrency (median of ${results.meta.runs} runs)</text>`,
  ];
  for (let decade = low; decade <= high; decade *= 10) {
    for (const step of [1, 2, 5]) {
      const ms = decade * step;
      if (ms > high) break;
      parts.push(
        `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(ms).toFixed(1)}" y2="${y(ms).toFixed(1)}" stroke="#e5e5e5"/>`,
        `<text x="${margin.left - 8}" y="${(y(ms) + 4).toFixed(1)}" text-anchor="end" fill="#555">${ms}</text>`,
      );
    }
  }
  for (const concurrency of concurrencies) {
    parts.push(
      `<line x1="${x(concurrency)}" x2="${x(concurrency)}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="#e5e5e5"/>`,
      `<text x="${x(concurrency)}" y="${margin.top + plotHeight + 18}" text-anchor="middle" fill="#555">${concurrency}</text>`,
    );
  }
  parts.push(
    `<text x="${margin.left + plotWidth / 2}" y="${height - 10}" text-anchor="middle">concurrent workers</text>`,
    `<text transform="translate(16 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">latency, ms (log scale)</text>`,
  );
  // The target for grant and exchange p99 (at 16 workers).
  parts.push(
    `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(TARGET_MS).toFixed(1)}" y2="${y(TARGET_MS).toFixed(1)}" stroke="#d62728" stroke-width="1" stroke-dasharray="2 3"/>`,
    `<text x="${margin.left + 6}" y="${(y(TARGET_MS) - 5).toFixed(1)}" fill="#d62728">target: grant and exchange p99 &lt; ${TARGET_MS} ms at 16</text>`,
  );
  series.forEach((s, index) => {
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    const path = s.points.map(([c, v]) => `${x(c).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(
      `<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`,
      ...s.points.map(
        ([c, v]) =>
          `<circle cx="${x(c).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.color}"><title>${escapeXml(s.label)} at ${c}: ${v.toFixed(1)} ms</title></circle>`,
      ),
    );
    const legendY = margin.top + 10 + index * 20;
    const legendX = margin.left + plotWidth + 20;
    parts.push(
      `<line x1="${legendX}" x2="${legendX + 24}" y1="${legendY}" y2="${legendY}" stroke="${s.color}" stroke-width="2"${dash}/>`,
      `<text x="${legendX + 30}" y="${legendY + 4}">${escapeXml(s.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
