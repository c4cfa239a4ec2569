import {
  DEFAULT_SIGNING_ALGORITHM,
  generateSigningJwk,
  loadKeySetFromJson,
  type KeySet,
  type SigningAlgorithm,
} from './key-set';
import { readOrCreateOwnerOnlyFile } from './owner-only-file';

/**
 * Development only: reads the key-set document at `filePath`, creating it with one fresh key on
 * the first run, so tokens stay valid across restarts without anyone handling a key.
 */
export async function loadOrCreateKeySetFile(
  filePath: string,
  alg: SigningAlgorithm = DEFAULT_SIGNING_ALGORITHM,
): Promise<KeySet> {
  const json = await readOrCreateOwnerOnlyFile(
    filePath,
    async () => `${JSON.stringify({ keys: [await generateSigningJwk(alg)] }, null, 2)}\n`,
  );
  return loadKeySetFromJson(json);
}
