import { readFileSync } from 'node:fs';

import { apps, type App } from './system';

export interface MemoryReading {
  /** Resident set size now. */
  rssMiB: number;
  /** High-water mark of the resident set since the process started (VmHWM). */
  peakMiB: number;
}

/** RSS and its high-water mark of one app process, from /proc/<pid>/status. */
export function readMemory(pid: number): MemoryReading | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

export type AppMemory = Record<App['name'], MemoryReading | null>;

export function readAppsMemory(): AppMemory {
  const entries = apps.map((app) => [
    app.name,
    app.process?.pid ? readMemory(app.process.pid) : null,
  ]);
  return Object.fromEntries(entries) as AppMemory;
}

/**
 * Samples the apps' RSS while a measurement runs, for the peak of that section (VmHWM only
 * ever grows, so it cannot tell which section reached it).
 */
export function sampleAppsMemory(everyMs = 200): { stop(): Record<App['name'], number> } {
  const peak: Record<App['name'], number> = { portal: 0, admin: 0 };
  const sample = () => {
    for (const app of apps) {
      const reading = app.process?.pid ? readMemory(app.process.pid) : null;
      if (reading) peak[app.name] = Math.max(peak[app.name], reading.rssMiB);
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
