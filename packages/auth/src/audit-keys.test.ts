import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateAuditJwk, loadAuditKeysFromJson, loadOrCreateAuditKeyFile } from './audit-keys';

const documentOf = (...keys: unknown[]) => JSON.stringify({ keys });

describe('AuditKeyRing', () => {
  it('keys new records with the first key and verifies with every listed key', () => {
    const older = generateAuditJwk(new Date('2026-01-01'));
    const newer = generateAuditJwk(new Date('2026-06-01'));
    const before = loadAuditKeysFromJson(documentOf(older));
    const after = loadAuditKeysFromJson(documentOf(newer, older));
    expect(after.currentKeyId).toBe(newer.kid);
    const mac = before.mac(older.kid, 'event');
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(after.mac(older.kid, 'event')).toBe(mac);
    expect(after.mac(newer.kid, 'event')).not.toBe(mac);
    expect(after.mac('nobody', 'event')).toBeNull();
  });

  it('separates the parts, so moving a boundary changes the MAC', () => {
    const key = generateAuditJwk();
    const ring = loadAuditKeysFromJson(documentOf(key));
    expect(ring.mac(key.kid, 'ab', 'c')).not.toBe(ring.mac(key.kid, 'a', 'bc'));
  });

  it('refuses short, non-symmetric, duplicate and odd-kid keys without echoing them', () => {
    const good = generateAuditJwk();
    const cases = [
      documentOf({ ...good, k: Buffer.alloc(16, 7).toString('base64url') }),
      documentOf({ ...good, kty: 'OKP' }),
      documentOf(good, good),
      documentOf({ ...good, kid: '../etc' }),
      JSON.stringify({ keys: [] }),
      `{"keys":[${JSON.stringify(good)}`,
    ];
    for (const json of cases) {
      expect(() => loadAuditKeysFromJson(json)).toThrow(/^Audit keys/);
      try {
        loadAuditKeysFromJson(json);
      } catch (error) {
        expect((error as Error).message).not.toContain(good.k);
      }
    }
  });
});

describe('loadOrCreateAuditKeyFile', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hotdesk-audit-keys-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('creates one owner-only key on the first run, shared by concurrent starts, and reuses it', async () => {
    const path = join(directory, 'keys', 'audit-keys.json');
    const rings = await Promise.all(
      Array.from({ length: 5 }, () => loadOrCreateAuditKeyFile(path)),
    );
    expect(new Set(rings.map((ring) => ring.currentKeyId)).size).toBe(1);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateAuditKeyFile(path);
    expect(again.mac(again.currentKeyId, 'x')).toBe(rings[0]!.mac(rings[0]!.currentKeyId, 'x'));
    expect(JSON.parse(await readFile(path, 'utf8')).keys).toHaveLength(1);
  });
});
