import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  DEFAULT_SIGNING_ALGORITHM,
  generateSigningJwk,
  loadKeySetFromJson,
  type KeySet,
  type SigningAlgorithm,
} from './key-set';

const OWNER_ONLY = 0o600;

/**
 * Development only: reads the key-set document at `filePath`, creating it with one fresh key on
 * the first run, so tokens stay valid across restarts without anyone handling a key.
 */
export async function loadOrCreateKeySetFile(
  filePath: string,
  alg: SigningAlgorithm = DEFAULT_SIGNING_ALGORITHM,
): Promise<KeySet> {
  if (!(await exists(filePath))) await createKeySetFile(filePath, alg);
  // A file that others could read is a leaked key; this one is ours, so tighten it.
  if (((await stat(filePath)).mode & 0o077) !== 0) await chmod(filePath, OWNER_ONLY);
  return loadKeySetFromJson(await readFile(filePath, 'utf8'));
}

/**
 * The admin and portal apps start together in dev and may race to create the file. Writing a
 * private temp file and hard-linking it into place publishes it whole or not at all, and the
 * loser of the race simply reads the winner's key.
 */
async function createKeySetFile(filePath: string, alg: SigningAlgorithm): Promise<void> {
  await mkdir(dirname(filePath), { recursive: true, mode: 0o700 });
  const document = { keys: [await generateSigningJwk(alg)] };
  const temporaryPath = `${filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporaryPath, `${JSON.stringify(document, null, 2)}\n`, {
    mode: OWNER_ONLY,
    flag: 'wx',
  });
  try {
    await link(temporaryPath, filePath);
  } catch (error) {
    if (!isErrorCode(error, 'EEXIST')) throw error;
  } finally {
    await rm(temporaryPath, { force: true });
  }
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
