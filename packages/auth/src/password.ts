import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt parameters; stored with every hash so they can be raised without breaking old ones. */
export interface PasswordCost {
  /** CPU/memory cost, a power of two. Memory used is 128 × N × r bytes. */
  N: number;
  r: number;
  p: number;
}

/**
 * N = 2^15, r = 8 (32 MiB): measured at ~69 ms per hash on the 2-core dev/CI machine, inside
 * the 30–80 ms budget for a sign-in. Raise N here when hardware allows; needsRehash then
 * upgrades each account at its next successful sign-in.
 */
export const DEFAULT_PASSWORD_COST: Readonly<PasswordCost> = Object.freeze({
  N: 2 ** 15,
  r: 8,
  p: 1,
});

/** Fast enough for test suites that create many accounts. Never use it for real passwords. */
export const INSECURE_TEST_PASSWORD_COST: Readonly<PasswordCost> = Object.freeze({
  N: 2 ** 10,
  r: 8,
  p: 1,
});

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const FORMAT =
  /^scrypt\$N=(\d{1,8}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9_-]{22,88})\$([A-Za-z0-9_-]{22,88})$/;

/** Returns `scrypt$N=32768,r=8,p=1$<salt>$<hash>` (base64url, no padding). */
export async function hashPassword(
  password: string,
  cost: PasswordCost = DEFAULT_PASSWORD_COST,
): Promise<string> {
  assertSupportedCost(cost);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, KEY_BYTES, cost);
  return encode(cost, salt, hash);
}

/**
 * Throws only when `stored` is not a hash this module wrote (corrupt data should be noticed,
 * not read as "wrong password").
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { cost, salt, hash } = decode(stored);
  const candidate = await derive(password, salt, hash.length, cost);
  return timingSafeEqual(candidate, hash);
}

/**
 * For sign-in: with no stored hash (unknown email, no password set) it still runs one full
 * scrypt at the same cost, so response time does not reveal whether an account exists.
 */
export async function verifyPasswordOrDummy(
  password: string,
  stored: string | null | undefined,
  cost: PasswordCost = DEFAULT_PASSWORD_COST,
): Promise<boolean> {
  if (stored != null) return verifyPassword(password, stored);
  // Random salt and hash: no password can match, and nothing has to be precomputed.
  await verifyPassword(password, encode(cost, randomBytes(SALT_BYTES), randomBytes(KEY_BYTES)));
  return false;
}

/** True when `stored` was made with other parameters than `cost`, or is not ours at all. */
export function needsRehash(stored: string, cost: PasswordCost = DEFAULT_PASSWORD_COST): boolean {
  let current: ReturnType<typeof decode>;
  try {
    current = decode(stored);
  } catch {
    return true;
  }
  return (
    current.cost.N !== cost.N ||
    current.cost.r !== cost.r ||
    current.cost.p !== cost.p ||
    current.salt.length !== SALT_BYTES ||
    current.hash.length !== KEY_BYTES
  );
}

function derive(
  password: string,
  salt: Buffer,
  length: number,
  cost: PasswordCost,
): Promise<Buffer> {
  const options: ScryptOptions = {
    N: cost.N,
    r: cost.r,
    p: cost.p,
    // Node refuses above 32 MiB by default; allow what the parameters need and no more.
    maxmem: 128 * cost.r * (cost.N + cost.p + 2),
  };
  // NFKC (NIST SP 800-63B): the same password typed on another keyboard or OS must still match.
  const normalized = password.normalize('NFKC');
  return new Promise((resolve, reject) => {
    scrypt(normalized, salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function encode(cost: PasswordCost, salt: Buffer, hash: Buffer): string {
  return `scrypt$N=${cost.N},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

function decode(stored: string): { cost: PasswordCost; salt: Buffer; hash: Buffer } {
  const match = FORMAT.exec(stored);
  if (match === null) throw new TypeError('Unrecognised password hash format');
  const [, N, r, p, salt, hash] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const cost = { N: Number(N), r: Number(r), p: Number(p) };
  // Bounds also protect the server from a tampered row asking for gigabytes of memory.
  assertSupportedCost(cost);
  return { cost, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

function assertSupportedCost({ N, r, p }: PasswordCost): void {
  const powerOfTwo = Number.isInteger(N) && N >= 2 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > 2 ** 20 || !inRange(r, 1, 32) || !inRange(p, 1, 16)) {
    throw new RangeError('Unsupported scrypt parameters');
  }
}

function inRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
