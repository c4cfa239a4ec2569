import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app implements it: SHA-1, 6 digits, 30-second steps. */
const DIGITS = 6;
const PERIOD_SECONDS = 30;
const MAX_WINDOW = 10;

export interface VerifyTotpOptions {
  /** Steps accepted either side of the current one, for clock drift; default 1 (±30 s). */
  window?: number;
  /** Defaults to now. */
  at?: Date;
}

/** True when `code` is the 6-digit code within the window; a malformed code is just false. */
export function verifyTotp(
  secretBase32: string,
  code: string,
  options: VerifyTotpOptions = {},
): boolean {
  return findTotpTimeStep(secretBase32, code, options) !== undefined;
}

/**
 * The absolute time step (counter) the code belongs to. Storing the last accepted step and
 * refusing any step not greater than it stops a code being replayed within its window
 * (RFC 6238 §5.2).
 */
export function findTotpTimeStep(
  secretBase32: string,
  code: string,
  { window = 1, at = new Date() }: VerifyTotpOptions = {},
): number | undefined {
  if (!Number.isInteger(window) || window < 0 || window > MAX_WINDOW) {
    throw new RangeError(`window must be an integer from 0 to ${MAX_WINDOW}`);
  }
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return undefined;
  const timestamp = at.getTime();
  const delta = totpFor(secretBase32).validate({ token: code, timestamp, window });
  if (delta === null) return undefined;
  return TOTP.counter({ period: PERIOD_SECONDS, timestamp }) + delta;
}

/** A new random secret (160 bits, as RFC 4226 recommends), base32 as authenticator apps take it. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The current (or `at`) code; for tests and enrolment checks. */
export function generateTotp(secretBase32: string, at: Date = new Date()): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() });
}

/** A bad secret is a configuration or data fault, not a wrong code, so it throws. */
function totpFor(secretBase32: string): TOTP {
  const secret = Secret.fromBase32(secretBase32);
  if (secret.bytes.length === 0) throw new TypeError('TOTP secret is empty');
  return new TOTP({
    secret,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
  });
}
