import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

import { KID_PATTERN } from './key-set';
import { readOrCreateOwnerOnlyFile } from './owner-only-file';

/** A symmetric JWK (RFC 7518 §6.4) as written by `keys:generate --audit`. */
export interface AuditJwk {
  kty: 'oct';
  kid: string;
  /** The secret, base64url, at least 32 bytes. */
  k: string;
}

const MIN_KEY_BYTES = 32;

/**
 * The HMAC keys of the audit chain (`HOTDESK_AUDIT_KEYS`). The first key of the document keys
 * every new event and link; every key listed verifies, so rotating is "put the new key first"
 * and a key is kept as long as events keyed with it exist. Keys are held as KeyObjects, and
 * nothing here hands their bytes back out.
 */
export class AuditKeyRing {
  readonly #keys: ReadonlyMap<string, KeyObject>;
  readonly currentKeyId: string;

  private constructor(keys: ReadonlyMap<string, KeyObject>, currentKeyId: string) {
    this.#keys = keys;
    this.currentKeyId = currentKeyId;
  }

  static fromDocument(document: unknown): AuditKeyRing {
    if (!isRecord(document) || !Array.isArray(document.keys) || document.keys.length === 0) {
      throw new Error('Audit keys: expected {"keys":[{"kty":"oct","kid":"…","k":"…"}, …]}');
    }
    const keys = new Map<string, KeyObject>();
    for (const [index, entry] of document.keys.entries()) {
      const where = `Audit keys: key #${index}`;
      if (!isRecord(entry) || entry.kty !== 'oct') throw new Error(`${where}: "kty" must be "oct"`);
      if (typeof entry.kid !== 'string' || !KID_PATTERN.test(entry.kid)) {
        throw new Error(`${where}: "kid" must match ${KID_PATTERN}`);
      }
      if (keys.has(entry.kid)) throw new Error(`${where}: duplicate kid "${entry.kid}"`);
      const secret =
        typeof entry.k === 'string' && /^[A-Za-z0-9_-]+$/.test(entry.k)
          ? Buffer.from(entry.k, 'base64url')
          : Buffer.alloc(0);
      if (secret.length < MIN_KEY_BYTES) {
        throw new Error(`${where} ("${entry.kid}"): "k" must be base64url of ≥ 32 bytes`);
      }
      keys.set(entry.kid, createSecretKey(secret));
    }
    return new AuditKeyRing(keys, [...keys.keys()][0] as string);
  }

  has(kid: string): boolean {
    return this.#keys.has(kid);
  }

  /**
   * Hex HMAC-SHA256 of the parts (each followed by a line feed) under the key `kid`, or null
   * when no such key is listed.
   */
  mac(kid: string, ...parts: string[]): string | null {
    const key = this.#keys.get(kid);
    if (!key) return null;
    const hmac = createHmac('sha256', key);
    for (const part of parts) hmac.update(part).update('\n');
    return hmac.digest('hex');
  }
}

/** Loads `HOTDESK_AUDIT_KEYS`; errors name keys by position and never echo key material. */
export function loadAuditKeysFromJson(json: string): AuditKeyRing {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    throw new Error('Audit keys: not valid JSON');
  }
  return AuditKeyRing.fromDocument(document);
}

/** A fresh 256-bit audit key; its kid says when it was made, which helps when rotating. */
export function generateAuditJwk(now: Date = new Date()): AuditJwk {
  const kid = `audit-${now.toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
  return { kty: 'oct', kid, k: randomBytes(MIN_KEY_BYTES).toString('base64url') };
}

/**
 * Development only: the audit key document at `filePath`, created with one key on the first
 * run (mode 0600, safe when both apps start at once), like the JWKS next to it.
 */
export async function loadOrCreateAuditKeyFile(filePath: string): Promise<AuditKeyRing> {
  const json = await readOrCreateOwnerOnlyFile(
    filePath,
    async () => `${JSON.stringify({ keys: [generateAuditJwk()] }, null, 2)}\n`,
  );
  return loadAuditKeysFromJson(json);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
