import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';

import { KID_PATTERN, type KeySet } from './key-set';
import { TokenVerificationError, type TokenVerificationReason } from './token-verification-error';

const ALLOWED_HEADER_PARAMETERS = new Set(['alg', 'kid', 'typ']);

export interface CompactJwsCheck {
  /** The explicit JWT type (RFC 8725 §3.11) this kind of token carries. */
  typ: string;
  /** Longest string read at all; anything longer is refused before a decoder sees it. */
  maxLength: number;
  issuer: string;
  audience: string;
  requiredClaims: string[];
  /** Oldest `iat` accepted, in seconds. */
  maxAgeSeconds: number;
  clockToleranceSeconds: number;
  now: Date;
}

/**
 * The checks every signed token of ours passes before its own claims are read: shape, header,
 * key, algorithm, signature, type, issuer, audience, age. Returns the payload and the kid.
 */
export async function verifyCompactJws(
  keySet: KeySet,
  token: string,
  check: CompactJwsCheck,
): Promise<{ payload: JWTPayload; keyId: string }> {
  const header = readHeader(token, check);
  const key = keySet.verificationKey(header.kid);
  if (key === undefined) throw new TokenVerificationError('unknown-key', 'no such verifying key');
  // The algorithm comes from our key, never from the token: this is what defeats "none" and
  // HS256-with-the-public-key, whatever the library would otherwise accept.
  if (header.alg !== key.alg) {
    throw new TokenVerificationError('header', 'algorithm does not match the key');
  }
  try {
    const { payload } = await jwtVerify(token, key.publicKey, {
      algorithms: [key.alg],
      typ: check.typ,
      issuer: check.issuer,
      audience: check.audience,
      requiredClaims: check.requiredClaims,
      maxTokenAge: check.maxAgeSeconds,
      clockTolerance: check.clockToleranceSeconds,
      currentDate: check.now,
    });
    return { payload, keyId: key.kid };
  } catch (error) {
    throw translateJoseError(error);
  }
}

function isCanonicalBase64url(segment: string): boolean {
  return Buffer.from(segment, 'base64url').toString('base64url') === segment;
}

function readHeader(
  token: string,
  check: Pick<CompactJwsCheck, 'typ' | 'maxLength'>,
): { alg: string; kid: string } {
  // Shape first: keeps arbitrary input (and its size) away from the decoders.
  if (
    typeof token !== 'string' ||
    token.length > check.maxLength ||
    !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)
  ) {
    throw new TokenVerificationError('malformed', 'not a compact JWS');
  }
  // Base64url has several spellings of the same bytes (unused trailing bits): only the
  // canonical one is accepted, so one token has exactly one string.
  if (!token.split('.').every(isCanonicalBase64url)) {
    throw new TokenVerificationError('malformed', 'a segment is not canonical base64url');
  }
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new TokenVerificationError('malformed', 'header is not a JSON object');
  }
  // An allow-list rather than a deny-list: jku, jwk, x5u, x5c, crit, b64 and whatever the next
  // RFC adds would each let the token choose its own key or change how it is processed.
  const unexpected = Object.keys(header).filter((name) => !ALLOWED_HEADER_PARAMETERS.has(name));
  if (unexpected.length > 0) {
    throw new TokenVerificationError('header', `unexpected header parameter "${unexpected[0]}"`);
  }
  if (header.typ !== check.typ) {
    throw new TokenVerificationError('header', 'wrong typ');
  }
  if (typeof header.kid !== 'string' || !KID_PATTERN.test(header.kid)) {
    throw new TokenVerificationError('header', 'kid missing or not a plain identifier');
  }
  if (typeof header.alg !== 'string') throw new TokenVerificationError('header', 'alg missing');
  return { alg: header.alg, kid: header.kid };
}

/** jose errors may carry the payload; only a reason and a claim name survive translation. */
function translateJoseError(error: unknown): TokenVerificationError {
  if (error instanceof errors.JWTExpired) {
    return new TokenVerificationError('expired', 'token has expired');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const early =
      (error.claim === 'iat' || error.claim === 'nbf') && error.reason === 'check_failed';
    const reason: TokenVerificationReason = early ? 'not-yet-valid' : 'claims';
    return new TokenVerificationError(reason, `"${error.claim}" claim ${error.reason}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenVerificationError('signature', 'signature does not verify');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new TokenVerificationError('header', 'algorithm not allowed');
  }
  if (error instanceof errors.JOSEError) {
    return new TokenVerificationError('malformed', error.code);
  }
  return new TokenVerificationError('malformed', 'could not be decoded');
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
