import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const OWNER_ONLY = 0o600;

/**
 * Development only: the contents of the private file at `filePath`, creating it from
 * `create()` on the first run. Both apps start together in dev and may race to create it:
 * writing a private temp file and hard-linking it into place publishes it whole or not at all,
 * and the loser of the race simply reads the winner's file.
 */
export async function readOrCreateOwnerOnlyFile(
  filePath: string,
  create: () => Promise<string>,
): Promise<string> {
  if (!(await exists(filePath))) {
    await mkdir(dirname(filePath), { recursive: true, mode: 0o700 });
    const temporaryPath = `${filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporaryPath, await create(), { mode: OWNER_ONLY, flag: 'wx' });
    try {
      await link(temporaryPath, filePath);
    } catch (error) {
      if (!isErrorCode(error, 'EEXIST')) throw error;
    } finally {
      await rm(temporaryPath, { force: true });
    }
  }
  // A file that others could read is a leaked key; this one is ours, so tighten it.
  if (((await stat(filePath)).mode & 0o077) !== 0) await chmod(filePath, OWNER_ONLY);
  return readFile(filePath, 'utf8');
}

async function exists(filePath: string): Promise<boolean> {
  try {
    await stat(filePath);
    return true;
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return false;
    throw error;
  }
}

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
