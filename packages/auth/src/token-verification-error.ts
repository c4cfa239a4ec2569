/**
 * Why a token was refused, for logs and metrics. Callers should answer every reason the same way
 * to the client; telling an attacker which check failed only helps them.
 */
export type TokenVerificationReason =
  /** Not a compact JWS with a JSON header and payload. */
  | 'malformed'
  /** A header the token type does not allow: alg, typ, jku/jwk/x5u/crit, an odd kid. */
  | 'header'
  /** The kid names no key that still verifies (never existed, or retired). */
  | 'unknown-key'
  | 'signature'
  | 'expired'
  /** Issued in the future beyond the clock tolerance. */
  | 'not-yet-valid'
  /** A required claim is missing, has the wrong shape or value, or the lifetime is too long. */
  | 'claims';

/** The only error verification throws. Its message never contains the token or its claims. */
export class TokenVerificationError extends Error {
  override readonly name = 'TokenVerificationError';

  constructor(
    readonly reason: TokenVerificationReason,
    detail: string,
  ) {
    super(`Token refused (${reason}): ${detail}`);
  }
}
