/** The generated tables of docs/benchmarks.md. */
import {
  type BenchResults,
  type FlowFigures,
  type LatencyFigures,
  type LoadFigures,
} from './results';
import { type Spread } from './stats';

const STEPS = ['grant', 'exchange', 'profiles', 'total'] as const;
const stepLabel: Record<string, string> = {
  grant: 'grant',
  exchange: 'exchange',
  profiles: 'first profiles call',
  total: 'whole flow',
};

/** Three significant figures at most, never more than one decimal. */
export function num(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return String(Number(value.toFixed(1)));
  return String(Number(value.toFixed(2)));
}

/** Median, then min–max over the runs. */
export function fig(spread: Spread | undefined): string {
  if (!spread || !Number.isFinite(spread.median)) return '–';
  return `${num(spread.median)} (${num(spread.min)}–${num(spread.max)})`;
}

export function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function latencyRows(flows: FlowFigures[]): string[][] {
  return flows.flatMap((flow) =>
    STEPS.map((step) => {
      const latency: LatencyFigures | undefined = flow.latency[step];
      return [
        String(flow.concurrency),
        stepLabel[step] ?? step,
        fig(latency?.p50),
        fig(latency?.p95),
        fig(latency?.p99),
      ];
    }),
  );
}

function loadRow(label: string, figures: LoadFigures): string[] {
  return [
    label,
    fig(figures.perSecond),
    fig(figures.latency.p50),
    fig(figures.latency.p95),
    fig(figures.latency.p99),
    figures.failed ? `${figures.failed} (${JSON.stringify(figures.statuses)})` : '0',
  ];
}

const at = (flows: FlowFigures[], concurrency: number) =>
  flows.find((flow) => flow.concurrency === concurrency);

function targets(results: BenchResults): string {
  const rows: string[][] = [];
  const mark = (ok: boolean) => (ok ? '✅' : '❌');
  const http16 = at(results.flow.http, 16);
  for (const step of ['grant', 'exchange'] as const) {
    const p99 = http16?.latency[step]?.p99.median ?? NaN;
    rows.push([
      `${step} p99 at concurrency 16 (HTTP)`,
      '< 50 ms',
      `${num(p99)} ms`,
      mark(p99 < 50),
    ]);
  }
  for (const { concurrency, ratio } of results.flow.ratio) {
    rows.push([
      `HTTP flows/s ÷ in-process flows/s at concurrency ${concurrency}`,
      '≥ 0.5',
      ratio.toFixed(2),
      mark(ratio >= 0.5),
    ]);
  }
  const best = results.profiles.reduce<LoadFigures | undefined>(
    (top, figures) => (!top || figures.perSecond.median > top.perSecond.median ? figures : top),
    undefined,
  );
  const rps = best?.perSecond.median ?? NaN;
  rows.push([
    `profiles GET requests/s (best of ${results.profiles.map((p) => p.connections).join(', ')} connections)`,
    '≥ 1,000/s',
    `${num(rps)}/s`,
    mark(rps >= 1000),
  ]);
  for (const [key, figures] of Object.entries(results.search)) {
    // The first page without a term is shown for information; the target is about searching.
    if (!figures || key.startsWith('none')) continue;
    const inProcess = figures.inProcess.latency.p95.median;
    const http = figures.http.latency.p95.median;
    rows.push([
      `customer search p95, ${key} (in-process; HTTP at one connection)`,
      '< 25 ms; < 50 ms',
      `${num(inProcess)} ms; ${num(http)} ms`,
      mark(inProcess < 25 && http < 50),
    ]);
  }
  for (const [key, figures] of Object.entries(results.lists ?? {})) {
    if (!figures) continue;
    const inProcess = figures.inProcess.latency.p95.median;
    const http = figures.http.latency.p95.median;
    rows.push([
      `member list p95, ${key} (in-process; HTTP at one connection)`,
      '< 25 ms; < 25 ms',
      `${num(inProcess)} ms; ${num(http)} ms`,
      mark(inProcess < 25 && http < 25),
    ]);
  }
  return table(['target', 'goal', 'measured (median)', ''], rows);
}

interface Metric {
  label: string;
  value: (r: BenchResults) => number | undefined;
  /** Whether a larger number is the better one. */
  higherIsBetter: boolean;
}

const metrics: Metric[] = [
  ...[1, 16, 64].map((c) => ({
    label: `HTTP flows/s at concurrency ${c}`,
    value: (r: BenchResults) => at(r.flow.http, c)?.flowsPerSecond.median,
    higherIsBetter: true,
  })),
  ...[1, 16, 64].map((c) => ({
    label: `in-process flows/s at concurrency ${c}`,
    value: (r: BenchResults) => at(r.flow.inProcess, c)?.flowsPerSecond.median,
    higherIsBetter: true,
  })),
  ...[16, 64].map((c) => ({
    label: `HTTP ÷ in-process at concurrency ${c}`,
    value: (r: BenchResults) => r.flow.ratio.find((x) => x.concurrency === c)?.ratio,
    higherIsBetter: true,
  })),
  ...(['grant', 'exchange', 'profiles'] as const).map((step) => ({
    label: `HTTP ${stepLabel[step]} p99 at concurrency 16, ms`,
    value: (r: BenchResults) => at(r.flow.http, 16)?.latency[step]?.p99.median,
    higherIsBetter: false,
  })),
  {
    label: 'password grants/s',
    value: (r) => r.token?.http.perSecond.median,
    higherIsBetter: true,
  },
  ...[16, 64].map((c) => ({
    label: `profiles GET requests/s at ${c} connections`,
    value: (r: BenchResults) => r.profiles.find((p) => p.connections === c)?.perSecond.median,
    higherIsBetter: true,
  })),
  ...(['prefix', 'substring', 'email', 'none'] as const).flatMap((kind) => [
    {
      label: `customer search p95 (${kind}, HTTP), ms`,
      value: (r: BenchResults) => r.search[kind]?.http.latency.p95.median,
      higherIsBetter: false,
    },
    {
      label: `customer search p95 (${kind}, in-process), ms`,
      value: (r: BenchResults) => r.search[kind]?.inProcess.latency.p95.median,
      higherIsBetter: false,
    },
  ]),
  ...(['portal', 'admin'] as const).map((app) => ({
    label: `${app} peak RSS, MiB`,
    value: (r: BenchResults) => r.memory[app]?.peakMiB,
    higherIsBetter: false,
  })),
  {
    label: 'load average (1 min) before the run',
    value: (r) => r.meta.loadAverageBefore[0],
    higherIsBetter: false,
  },
];

function beforeAfter(results: BenchResults, before: BenchResults): string {
  const rows = metrics.map((metric) => {
    const a = metric.value(before);
    const b = metric.value(results);
    let change = '–';
    if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && a !== 0) {
      const factor = b / a;
      const better = metric.higherIsBetter ? factor > 1 : factor < 1;
      change =
        Math.abs(factor - 1) < 0.005
          ? 'same'
          : `${factor >= 1 ? '×' : '÷'}${num(factor >= 1 ? factor : 1 / factor)}${better ? ' better' : ' worse'}`;
    }
    return [metric.label, num(a), num(b), change];
  });
  return [
    `Before: ${describeRun(before)}. After: ${describeRun(results)}. ` +
      `Medians of ${results.meta.runs} runs each; the load average is the machine's before each run.`,
    '',
    table(['figure', 'before', 'after', 'change'], rows),
  ].join('\n');
}

function tokenSection(token: BenchResults['token']): string {
  if (!token) return 'Not measured in this run.';
  return [
    table(
      ['', 'requests/s', 'p50 ms', 'p95 ms', 'p99 ms', 'failed'],
      [loadRow(`${token.http.connections} connections`, token.http)],
    ),
    `KDF: ${token.kdf.parameters}, ${fig(token.kdf.msPerHash)} ms per hash one at a time; ` +
      `${num(token.kdf.hashesPerSecond)} hashes/s with 4 at once (libuv’s thread pool): ` +
      'the ceiling of password grants per second on this machine, whatever the rest of the request costs.',
  ].join('\n\n');
}

function describeRun(r: BenchResults): string {
  const commit = r.meta.git.commit
    ? `commit ${r.meta.git.commit}${r.meta.git.dirty ? '+' : ''}`
    : '';
  return [r.meta.label, `run of ${r.meta.startedAt}`, commit].filter(Boolean).join(', ');
}

export function resultsMarkdown(
  results: BenchResults,
  before: BenchResults | null,
  chartFile: string,
): string {
  const { meta } = results;
  const m = meta.machine;
  const [load1, load5, load15] = meta.loadAverageBefore;
  const busy = load1 > m.nproc / 2;
  const sections: string[] = [
    `## Results of the latest run`,
    `${meta.label ? `${meta.label} · ` : ''}${meta.startedAt} · ${meta.mode} run · ${meta.coworkers.toLocaleString('en-US')} generated coworkers · ` +
      `${meta.runs} runs of ${meta.runSeconds} s per figure after ${meta.warmupSeconds} s of warm-up · ` +
      `took ${num(meta.totalSeconds)} s · commit ${meta.git.commit ?? '?'}${meta.git.dirty ? ' (with uncommitted changes)' : ''}.` +
      ' Every figure is the median of the runs, with min–max in brackets.',
    table(
      ['machine', ''],
      [
        ['cores (nproc)', String(m.nproc)],
        ['CPU', m.cpu],
        ['memory', `${m.memoryGiB} GiB`],
        ['Node.js', m.node],
        ['PostgreSQL', m.postgres],
        ['OS', m.os],
        ['load average before the run (1, 5, 15 min)', `${load1}, ${load5}, ${load15}`],
      ],
    ),
    busy
      ? `> **The machine was busy** when this run started (1-minute load ${load1} on ${m.nproc} cores): ` +
        'other engineers’ test runs shared the CPU and the PostgreSQL server, so these figures are ' +
        'lower and noisier than an idle machine would give. The load before each section is below.'
      : `> The machine was quiet when this run started (1-minute load ${load1} on ${m.nproc} cores).`,
    '### Targets',
    targets(results),
    '### 1–2. Impersonation flow: throughput, HTTP against in-process',
    table(
      [
        'concurrency',
        'HTTP flows/s',
        'in-process flows/s',
        'HTTP ÷ in-process',
        'failed (HTTP / in-process)',
      ],
      results.flow.http.map((http) => {
        const floor = at(results.flow.inProcess, http.concurrency);
        const ratio = results.flow.ratio.find((r) => r.concurrency === http.concurrency);
        return [
          String(http.concurrency),
          fig(http.flowsPerSecond),
          fig(floor?.flowsPerSecond),
          ratio ? `${num(ratio.ratio)} (${num(ratio.perRun.min)}–${num(ratio.perRun.max)})` : '–',
          `${http.failed} / ${floor?.failed ?? '–'}`,
        ];
      }),
    ),
    ...(results.httpCeiling
      ? [
          `The HTTP ceiling on this machine, for comparison: \`GET /.well-known/jwks.json\` (a fixed ` +
            `answer through the same app-server path as the REST contract) at 16 connections: ` +
            `${fig(results.httpCeiling.perSecond)} requests/s, so at most about ` +
            `${Math.round(results.httpCeiling.perSecond.median / 3).toLocaleString('en-US')} ` +
            'three-request flows/s before any work is done.',
        ]
      : []),
    '#### 1. Over HTTP (portal, its app server): latency per step, ms',
    table(['concurrency', 'step', 'p50', 'p95', 'p99'], latencyRows(results.flow.http)),
    '#### 2. In-process (the same services, no HTTP): latency per step, ms',
    table(['concurrency', 'step', 'p50', 'p95', 'p99'], latencyRows(results.flow.inProcess)),
    `![Latency against concurrency](${chartFile})`,
    '### 3. Password grants (`POST /api/token`)',
    tokenSection(results.token),
    '### 4. `GET /api/public/coworkers/profiles` (member bearer)',
    table(
      ['connections', 'requests/s', 'p50 ms', 'p95 ms', 'p99 ms', 'failed'],
      results.profiles.map((p) => loadRow(String(p.connections), p)),
    ),
    `### 5. Admin customer search at ${meta.coworkers.toLocaleString('en-US')} coworkers`,
    'Owner (every location), first page of 25 sorted by name, as the admin app asks; alone, in ' +
      'one location (the switcher) and in one team. In-process: `searchCoworkers` one query at a ' +
      'time. HTTP: `coworkers.search` over tRPC on the admin app with the session cookie, one ' +
      'connection. Both sizes side by side: "Customer search at each size" below.',
    table(
      [
        'search',
        'example terms',
        'in-process p50 ms',
        'in-process p95 ms',
        'HTTP p50 ms',
        'HTTP p95 ms',
        'HTTP requests/s',
        'indexes read',
      ],
      Object.entries(results.search).flatMap(([key, s]) =>
        s
          ? [
              [
                key.startsWith('none') ? key.replace('none', 'none (first page, no term)') : key,
                exampleTerms(key, s.terms),
                fig(s.inProcess.latency.p50),
                fig(s.inProcess.latency.p95),
                fig(s.http.latency.p50),
                fig(s.http.latency.p95),
                fig(s.http.perSecond),
                (s.indexes ?? []).map((name) => `\`${name}\``).join(', ') || '–',
              ],
            ]
          : [],
      ),
    ),
    '### 6. Memory of each app (its one process: app server and Next)',
    table(
      ['app', 'RSS after start, MiB', 'peak RSS over the run (VmHWM), MiB'],
      Object.entries(results.memory).map(([app, memory]) => [
        app,
        num(memory.startedMiB),
        num(memory.peakMiB),
      ]),
    ),
    '#### Load and memory per section',
    table(
      [
        'section',
        'load average before (1, 5, 15 min)',
        'seconds',
        'portal peak RSS MiB',
        'admin peak RSS MiB',
      ],
      meta.sections.map((s) => [
        s.section,
        s.loadAverage.join(', '),
        num(s.seconds),
        num(s.peakRssMiB.portal),
        num(s.peakRssMiB.admin),
      ]),
    ),
  ];
  if (before) {
    sections.push('### Before / after: the figures', beforeAfter(results, before));
  }
  return sections.join('\n\n');
}

/** A few of the terms a search case typed, for the reader. */
export function exampleTerms(key: string, terms: string[]): string {
  if (key.startsWith('none')) return '–';
  return terms
    .slice(0, key.startsWith('email') ? 2 : 3)
    .map((term) => `\`${term}\``)
    .join(', ');
}
