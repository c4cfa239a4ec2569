import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The embedded database in ${dataDir} is already open in process ${pid}`);
    this.name = 'DataDirInUseError';
  }
}

/** Whether a process of that id exists (whoever it belongs to). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means "in use".
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Directories this process holds: its own pid in the file does not make them free. */
const heldHere = new Set<string>();

/**
 * Two PGlite instances writing one directory corrupt it, and the port check alone does not
 * catch a second server started on another port. A pid file next to the directory does.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = `${path.resolve(dataDir)}.pid`;
  if (heldHere.has(lockFile)) throw new DataDirInUseError(dataDir, process.pid);
  mkdirSync(path.dirname(lockFile), { recursive: true });
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(readFileSync(lockFile, 'utf8').trim());
    if (Number.isInteger(owner) && isRunning(owner) && owner !== process.pid) {
      throw new DataDirInUseError(dataDir, owner);
    }
    // Left behind by a process that was killed: take it over.
    writeFileSync(lockFile, String(process.pid));
  }
  heldHere.add(lockFile);
  return () => {
    heldHere.delete(lockFile);
    rmSync(lockFile, { force: true });
  };
}
