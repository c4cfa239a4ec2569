import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { isRunning } from './embedded/data-dir-lock';

/*
 * How `pnpm dev`'s apps know that the db package's dev task (running beside them, started at
 * the same moment by turbo) has migrated and seeded the database: the task writes this marker
 * once it has, and removes it when it stops.
 */

interface Marker {
  pid: number;
  /** Which database was prepared, without writing its address (and password) to disk. */
  database: string;
}

const markerPath = (dataDir: string) => path.join(dataDir, 'dev-database-ready.json');
const fingerprint = (url: string) => createHash('sha256').update(url).digest('hex');

export async function markDevDatabaseReady(dataDir: string, url: string): Promise<void> {
  const marker: Marker = { pid: process.pid, database: fingerprint(url) };
  await mkdir(dataDir, { recursive: true });
  const staging = `${markerPath(dataDir)}.${process.pid}`;
  await writeFile(staging, JSON.stringify(marker));
  await rename(staging, markerPath(dataDir));
}

export async function clearDevDatabaseReady(dataDir: string): Promise<void> {
  await rm(markerPath(dataDir), { force: true });
}

async function isMarkedReady(dataDir: string, url: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(markerPath(dataDir), 'utf8')) as Marker;
    // A marker left by a task that was killed says nothing about the database now.
    return marker.database === fingerprint(url) && isRunning(marker.pid);
  } catch {
    return false;
  }
}

/**
 * Resolves once the dev task has prepared the database at `url`; calls `onWaiting` every few
 * seconds meanwhile, so a developer who started an app alone learns what it waits for.
 */
export async function waitForDevDatabase(
  dataDir: string,
  url: string,
  onWaiting: (seconds: number) => void,
): Promise<void> {
  const started = Date.now();
  let told = 0;
  while (!(await isMarkedReady(dataDir, url))) {
    const seconds = Math.floor((Date.now() - started) / 1000);
    if (seconds >= told + 10) {
      told = seconds;
      onWaiting(seconds);
    }
    await delay(200);
  }
}
