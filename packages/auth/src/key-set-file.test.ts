import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSigningJwk } from './key-set';
import { loadOrCreateKeySetFile } from './key-set-file';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hotdesk-keys-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('loadOrCreateKeySetFile', () => {
  it('creates an owner-only key file once and reuses it on later runs', async () => {
    const path = join(directory, 'nested', 'jwks.json');

    const first = await loadOrCreateKeySetFile(path);
    const second = await loadOrCreateKeySetFile(path);

    expect(await modeOf(path)).toBe(0o600);
    expect(second.signingKeyId).toBe(first.signingKeyId);
    const document = JSON.parse(await readFile(path, 'utf8'));
    expect(document.keys).toHaveLength(1);
    expect(document.keys[0]).toMatchObject({ kid: first.signingKeyId, d: expect.any(String) });
  });

  it('gives every concurrent first start the same key', async () => {
    const path = join(directory, 'jwks.json');
    const sets = await Promise.all(Array.from({ length: 6 }, () => loadOrCreateKeySetFile(path)));
    expect(new Set(sets.map((set) => set.signingKeyId)).size).toBe(1);
  });

  it('loads an existing document as is and tightens loose permissions', async () => {
    const path = join(directory, 'jwks.json');
    const key = await generateSigningJwk();
    await writeFile(path, JSON.stringify({ keys: [key] }));
    await chmod(path, 0o644);

    const set = await loadOrCreateKeySetFile(path);

    expect(set.signingKeyId).toBe(key.kid);
    expect(await modeOf(path)).toBe(0o600);
  });
});
