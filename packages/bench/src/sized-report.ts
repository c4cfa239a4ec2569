/**
 * What the reports kept per data size share (the customer search, the member lists): one entry
 * per number of coworkers in a JSON file, and their own part of docs/benchmarks.md (between its
 * markers) showing the sizes side by side. Any run that measured the section, except a quick one,
 * adds or replaces its size's entry.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { writeFormatted, writeMarkedPart } from './docs-files';
import { log } from './log';
import { fig } from './markdown';
import { type BenchResults } from './results';
import { type Spread } from './stats';

export interface SizedRun {
  coworkers: number;
  startedAt: string;
  commit: string | null;
  dirty: boolean | null;
  /** Load average before each case, as the run noted it. */
  loadAverages: Record<string, number[]>;
}

/** The run's facts, with the load averages of the cases whose section names start so. */
export function sizedRunOf(results: BenchResults, sectionPrefix: string): SizedRun {
  const { meta } = results;
  return {
    coworkers: meta.coworkers,
    startedAt: meta.startedAt,
    commit: meta.git.commit,
    dirty: meta.git.dirty,
    loadAverages: Object.fromEntries(
      meta.sections
        .filter((note) => note.section.startsWith(sectionPrefix))
        .map((note) => [note.section, note.loadAverage]),
    ),
  };
}

export const sizeLabel = (coworkers: number) => coworkers.toLocaleString('en-US');

/** Smallest size first. */
export function bySizeAscending<E extends SizedRun>(bySize: Record<string, E>): E[] {
  return Object.values(bySize).sort((a, b) => a.coworkers - b.coworkers);
}

/** Two header cells per size: in-process and HTTP. */
export function sizeColumns(entries: SizedRun[]): string[] {
  return entries.flatMap((entry) => [
    `${sizeLabel(entry.coworkers)}: in-process`,
    `${sizeLabel(entry.coworkers)}: HTTP`,
  ]);
}

type P95Figures = { inProcess: { latency: { p95: Spread } }; http: { latency: { p95: Spread } } };

/** The in-process and HTTP p95 of one case, or dashes where a size did not measure it. */
export function p95Cells(figures: P95Figures | undefined): string[] {
  return figures ? [fig(figures.inProcess.latency.p95), fig(figures.http.latency.p95)] : ['–', '–'];
}

export function indexCell(indexes: string[] | undefined): string {
  return (indexes ?? []).map((name) => `\`${name}\``).join(', ') || '–';
}

/** "100,000 coworkers: <when>, commit <sha>, <extra>1-minute load average before the cases a–b." */
export function runLine(entry: SizedRun, extra = ''): string {
  const loads = Object.values(entry.loadAverages).map((load) => load[0] ?? NaN);
  return (
    `${sizeLabel(entry.coworkers)} coworkers: ${entry.startedAt}, commit ${entry.commit ?? 'unknown'}` +
    `${entry.dirty ? ' (with uncommitted changes)' : ''}, ${extra}1-minute load average before the ` +
    `cases ${Math.min(...loads)}–${Math.max(...loads)}.`
  );
}

/** Adds this run's entry to the JSON file and rewrites the marked part of the markdown. */
export async function writeSizedReport<E extends SizedRun>(options: {
  name: string;
  entry: E;
  files: { markdown: string; json: string };
  markers: { start: string; end: string };
  markdown: (bySize: Record<string, E>) => string;
}): Promise<void> {
  const { files } = options;
  const bySize: Record<string, E> = existsSync(files.json)
    ? (JSON.parse(await readFile(files.json, 'utf8')) as Record<string, E>)
    : {};
  bySize[String(options.entry.coworkers)] = options.entry;
  await writeFormatted(files.json, JSON.stringify(bySize));
  await writeMarkedPart(files.markdown, options.markers, options.markdown(bySize));
  log(`wrote the ${options.name} part of docs/benchmarks.md and ${path.basename(files.json)}`);
}
