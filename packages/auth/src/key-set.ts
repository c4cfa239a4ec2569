import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';

/**
 * Fully-specified JWS algorithms (RFC 9864): "Ed25519" rather than the polymorphic "EdDSA", so
 * the algorithm named in a token can only ever mean one curve.
 */
export type SigningAlgorithm = 'Ed25519' | 'ES256';

export const DEFAULT_SIGNING_ALGORITHM: SigningAlgorithm = 'Ed25519';

/**
 * `active` (the default) keys verify, and the first of them in the document signs; `retired`
 * keys verify nothing and are not published, but may stay in the document for the record.
 */
export type KeyStatus = 'active' | 'retired';

/** A private JWK as written by `keys:generate` and accepted in the key-set document. */
export interface SigningJwk {
  kty: 'OKP' | 'EC';
  crv: string;
  x: string;
  y?: string;
  d: string;
  kid: string;
  alg: SigningAlgorithm;
  use: 'sig';
  status?: KeyStatus;
}

/** A public JWK as served at `/.well-known/jwks.json`. */
export interface PublicJwk {
  kty: 'OKP' | 'EC';
  crv: string;
  x: string;
  y?: string;
  kid: string;
  alg: SigningAlgorithm;
  use: 'sig';
}

export interface PublicJwks {
  keys: PublicJwk[];
}

export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: CryptoKey;
}

export interface VerificationKey {
  kid: string;
  alg: SigningAlgorithm;
  publicKey: CryptoKey;
}

interface LoadedKey extends VerificationKey {
  status: KeyStatus;
  publicJwk: PublicJwk;
  privateKey: CryptoKey | undefined;
}

/**
 * Only these characters may appear in a `kid`, here and in any token header, so a kid can never
 * smuggle a path, URL or query into whatever a future key lookup is built on.
 */
export const KID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

const CURVES: Record<SigningAlgorithm, { kty: 'OKP' | 'EC'; crv: string }> = {
  Ed25519: { kty: 'OKP', crv: 'Ed25519' },
  ES256: { kty: 'EC', crv: 'P-256' },
};

const STATUSES: readonly KeyStatus[] = ['active', 'retired'];

/**
 * The signing and verification keys of one deployment. Private keys are imported
 * non-extractable, so nothing holding a KeySet can read them back out.
 */
export class KeySet {
  readonly #keys: ReadonlyMap<string, LoadedKey>;
  readonly #signingKey: SigningKey;

  private constructor(keys: ReadonlyMap<string, LoadedKey>, signingKey: SigningKey) {
    this.#keys = keys;
    this.#signingKey = signingKey;
  }

  /** Builds a key set from an already parsed key-set document (see README.md). */
  static async fromDocument(document: unknown): Promise<KeySet> {
    const entries = readKeyEntries(document);
    const keys = new Map<string, LoadedKey>();
    for (const [index, entry] of entries.entries()) {
      const key = await importEntry(entry, index);
      if (keys.has(key.kid)) throw new Error(`Key set: duplicate kid "${key.kid}"`);
      keys.set(key.kid, key);
    }
    const signer = chooseSigner([...keys.values()]);
    return new KeySet(keys, { kid: signer.kid, alg: signer.alg, privateKey: signer.privateKey });
  }

  get signingKeyId(): string {
    return this.#signingKey.kid;
  }

  signingKey(): SigningKey {
    return this.#signingKey;
  }

  /** Retired and unknown kids resolve to nothing: both must fail verification the same way. */
  verificationKey(kid: string): VerificationKey | undefined {
    const key = this.#keys.get(kid);
    if (key === undefined || key.status === 'retired') return undefined;
    return { kid: key.kid, alg: key.alg, publicKey: key.publicKey };
  }

  /** The public half of every key that still verifies, for `/.well-known/jwks.json`. */
  publicJwks(): PublicJwks {
    return { keys: this.#verifiers().map((key) => ({ ...key.publicJwk })) };
  }

  #verifiers(): LoadedKey[] {
    return [...this.#keys.values()].filter((key) => key.status !== 'retired');
  }
}

/**
 * Loads the key-set document (format in README.md). Error messages name the key by position and
 * never echo the input, because the input is private key material.
 */
export async function loadKeySetFromJson(json: string): Promise<KeySet> {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    // V8's SyntaxError quotes the input around the fault, which would print key material.
    throw new Error('Key set: not valid JSON');
  }
  return KeySet.fromDocument(document);
}

/** A fresh private JWK whose kid is its RFC 7638 thumbprint, ready for the key-set document. */
export async function generateSigningJwk(
  alg: SigningAlgorithm = DEFAULT_SIGNING_ALGORITHM,
): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const { kty, crv } = CURVES[alg];
  if (jwk.x === undefined || jwk.d === undefined) throw new Error('Key generation failed');
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kty,
    crv,
    x: jwk.x,
    ...(jwk.y === undefined ? {} : { y: jwk.y }),
    d: jwk.d,
    kid,
    alg,
    use: 'sig',
  };
}

function readKeyEntries(document: unknown): Record<string, unknown>[] {
  if (!isRecord(document) || !Array.isArray(document.keys)) {
    throw new Error('Key set: expected an object of the form {"keys":[...]}');
  }
  if (document.keys.length === 0) throw new Error('Key set: "keys" is empty');
  return document.keys.map((entry, index) => {
    if (!isRecord(entry)) throw new Error(`Key set: key #${index} is not an object`);
    return entry;
  });
}

async function importEntry(entry: Record<string, unknown>, index: number): Promise<LoadedKey> {
  const where = `Key set: key #${index}`;
  const alg = algorithmOf(entry, where);
  const { kty, crv } = CURVES[alg];
  const x = stringField(entry, 'x', where);
  const y = kty === 'EC' ? stringField(entry, 'y', where) : undefined;
  const d = entry.d === undefined ? undefined : stringField(entry, 'd', where);

  const status = entry.status ?? 'active';
  if (!STATUSES.includes(status as KeyStatus)) {
    throw new Error(`${where}: "status" must be one of ${STATUSES.join(', ')}`);
  }
  if (entry.use !== undefined && entry.use !== 'sig') {
    throw new Error(`${where}: "use" must be "sig"`);
  }

  // Only the key parameters go to the importer: key_ops/ext from elsewhere must not decide usages.
  const publicParts: JWK = { kty, crv, x, ...(y === undefined ? {} : { y }) };
  const kid = entry.kid === undefined ? await calculateJwkThumbprint(publicParts) : entry.kid;
  if (typeof kid !== 'string' || !KID_PATTERN.test(kid)) {
    throw new Error(`${where}: "kid" must match ${KID_PATTERN}`);
  }

  let publicKey: CryptoKey;
  let privateKey: CryptoKey | undefined;
  try {
    publicKey = (await importJWK(publicParts, alg)) as CryptoKey;
    privateKey =
      d === undefined ? undefined : ((await importJWK({ ...publicParts, d }, alg)) as CryptoKey);
  } catch {
    // The importer also refuses a "d" that does not belong to "x"/"y".
    throw new Error(`${where} ("${kid}"): not a valid ${alg} key pair`);
  }

  return {
    kid,
    alg,
    status: status as KeyStatus,
    publicKey,
    privateKey,
    publicJwk: { kty, crv, x, ...(y === undefined ? {} : { y }), kid, alg, use: 'sig' },
  };
}

function algorithmOf(entry: Record<string, unknown>, where: string): SigningAlgorithm {
  // Symmetric ("oct") and RSA keys are refused outright: an HMAC key beside public keys is how
  // algorithm-confusion attacks start.
  if (entry.kty === 'OKP' && entry.crv === 'Ed25519') {
    // "EdDSA" is what older tools write for the same key; tokens are still signed as "Ed25519".
    if (entry.alg === undefined || entry.alg === 'Ed25519' || entry.alg === 'EdDSA')
      return 'Ed25519';
  } else if (entry.kty === 'EC' && entry.crv === 'P-256') {
    if (entry.alg === undefined || entry.alg === 'ES256') return 'ES256';
  }
  throw new Error(`${where}: only Ed25519 (OKP) and ES256 (EC P-256) keys are supported`);
}

function chooseSigner(keys: LoadedKey[]): LoadedKey & { privateKey: CryptoKey } {
  // Order decides, so rotating is "put the new key first"; every other active key only verifies.
  const signer = keys.find((key) => key.status === 'active');
  if (signer === undefined) throw new Error('Key set: every key is retired; nothing can sign');
  if (signer.privateKey === undefined) {
    throw new Error(`Key set: signing key "${signer.kid}" (the first active one) has no "d"`);
  }
  return { ...signer, privateKey: signer.privateKey };
}

function stringField(entry: Record<string, unknown>, name: string, where: string): string {
  const value = entry[name];
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]+$/.test(value)) {
    throw new Error(`${where}: "${name}" must be a base64url string`);
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
