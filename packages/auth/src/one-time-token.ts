import { decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { KID_PATTERN, type KeySet } from './key-set';
import { TokenVerificationError, type TokenVerificationReason } from './token-verification-error';

/**
 * Explicit JWT type (RFC 8725 §3.11) so a token minted for another purpose by the same keys,
 * such as an ID or access token, can never be replayed as an impersonation grant.
 */
export const IMPERSONATION_TOKEN_TYPE = 'hotdesk-impersonation+jwt';
export const DEFAULT_IMPERSONATION_TOKEN_SECONDS = 60;
/** Hard cap from the design: nothing, not even configuration, makes a grant outlive this. */
export const MAX_IMPERSONATION_TOKEN_SECONDS = 300;
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
const MAX_CLOCK_TOLERANCE_SECONDS = 60;
/**
 * Longest string the verifier reads at all: a real token is well under 1 KB (even with a
 * 128-character kid), and anything longer is refused before a regular expression or a base64
 * decoder sees it. Both transports' exchange and preview take any token up to and beyond this
 * and let the verifier answer, so an oversized token is refused like any other bad one.
 */
export const MAX_IMPERSONATION_TOKEN_LENGTH = 8192;

/** Same literals as the database enums so callers pass them straight through. */
export type ImpersonationMode = 'READ_ONLY' | 'FULL';
export type ImpersonationKind = 'OPERATOR' | 'TEAM_ADMIN';
const MODES: readonly string[] = ['READ_ONLY', 'FULL'] satisfies ImpersonationMode[];
const KINDS: readonly string[] = ['OPERATOR', 'TEAM_ADMIN'] satisfies ImpersonationKind[];

export interface ImpersonationTokenInput {
  issuer: string;
  /** Who redeems the token (the exchange endpoint), not who it impersonates. */
  audience: string;
  /** The target coworker id. Every id in the token is a string (JWT `sub` is a string). */
  subject: string;
  /** RFC 8693 actor: the user who asked to impersonate. */
  actor: { sub: string };
  location: string;
  /** Unique per grant; the exchange consumes it so the token works once. */
  jti: string;
  /** Defaults to 60; more than {@link MAX_IMPERSONATION_TOKEN_SECONDS} throws. */
  lifetimeSeconds?: number;
  mode?: ImpersonationMode;
  kind?: ImpersonationKind;
  /** Issue time; defaults to now. */
  now?: Date;
}

export interface VerifyImpersonationTokenOptions {
  issuer: string;
  audience: string;
  /** Oldest `iat` accepted and longest `exp − iat`; defaults to (and may not exceed) the cap. */
  maxAgeSeconds?: number;
  clockToleranceSeconds?: number;
  now?: Date;
}

export interface ImpersonationTokenClaims {
  issuer: string;
  audience: string;
  subject: string;
  actor: { sub: string };
  location: string;
  jti: string;
  mode?: ImpersonationMode;
  kind?: ImpersonationKind;
  issuedAt: Date;
  expiresAt: Date;
  /** The kid that signed it, for the audit trail. */
  keyId: string;
}

const ALLOWED_HEADER_PARAMETERS = new Set(['alg', 'kid', 'typ']);
const REQUIRED_CLAIMS = ['iss', 'aud', 'sub', 'act', 'loc', 'jti', 'iat', 'exp'];

export async function signImpersonationToken(
  keySet: KeySet,
  input: ImpersonationTokenInput,
): Promise<string> {
  const lifetimeSeconds = input.lifetimeSeconds ?? DEFAULT_IMPERSONATION_TOKEN_SECONDS;
  if (
    !Number.isInteger(lifetimeSeconds) ||
    lifetimeSeconds < 1 ||
    lifetimeSeconds > MAX_IMPERSONATION_TOKEN_SECONDS
  ) {
    throw new RangeError(
      `lifetimeSeconds must be an integer from 1 to ${MAX_IMPERSONATION_TOKEN_SECONDS}`,
    );
  }
  for (const [name, value] of Object.entries({
    issuer: input.issuer,
    audience: input.audience,
    subject: input.subject,
    'actor.sub': input.actor.sub,
    location: input.location,
    jti: input.jti,
  })) {
    if (typeof value !== 'string' || value.length === 0) {
      throw new TypeError(`${name} must be a non-empty string`);
    }
  }

  const { kid, alg, privateKey } = keySet.signingKey();
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  return new SignJWT({
    act: { sub: input.actor.sub },
    loc: input.location,
    ...(input.mode === undefined ? {} : { mode: input.mode }),
    ...(input.kind === undefined ? {} : { kind: input.kind }),
  })
    .setProtectedHeader({ alg, kid, typ: IMPERSONATION_TOKEN_TYPE })
    .setIssuer(input.issuer)
    .setAudience(input.audience)
    .setSubject(input.subject)
    .setJti(input.jti)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(privateKey);
}

/**
 * Checks everything a grant promises except single use, which needs the database: the caller
 * must still consume `jti` atomically.
 */
export async function verifyImpersonationToken(
  keySet: KeySet,
  token: string,
  options: VerifyImpersonationTokenOptions,
): Promise<ImpersonationTokenClaims> {
  const maxAgeSeconds = options.maxAgeSeconds ?? MAX_IMPERSONATION_TOKEN_SECONDS;
  if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 1) {
    throw new RangeError('maxAgeSeconds must be a positive integer');
  }
  if (maxAgeSeconds > MAX_IMPERSONATION_TOKEN_SECONDS) {
    throw new RangeError(`maxAgeSeconds may not exceed ${MAX_IMPERSONATION_TOKEN_SECONDS}`);
  }
  const clockToleranceSeconds = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  if (clockToleranceSeconds < 0 || clockToleranceSeconds > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new RangeError(`clockToleranceSeconds must be from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  }

  const header = readHeader(token);
  const key = keySet.verificationKey(header.kid);
  if (key === undefined) throw new TokenVerificationError('unknown-key', 'no such verifying key');
  // The algorithm comes from our key, never from the token: this is what defeats "none" and
  // HS256-with-the-public-key, whatever the library would otherwise accept.
  if (header.alg !== key.alg) {
    throw new TokenVerificationError('header', 'algorithm does not match the key');
  }

  const now = options.now ?? new Date();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key.publicKey, {
      algorithms: [key.alg],
      typ: IMPERSONATION_TOKEN_TYPE,
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: REQUIRED_CLAIMS,
      maxTokenAge: maxAgeSeconds,
      clockTolerance: clockToleranceSeconds,
      currentDate: now,
    }));
  } catch (error) {
    throw translateJoseError(error);
  }
  return readClaims(payload, key.kid, { ...options, maxAgeSeconds, clockToleranceSeconds, now });
}

function isCanonicalBase64url(segment: string): boolean {
  return Buffer.from(segment, 'base64url').toString('base64url') === segment;
}

function readHeader(token: string): { alg: string; kid: string } {
  // Shape first: keeps arbitrary input (and its size) away from the decoders.
  if (
    typeof token !== 'string' ||
    token.length > MAX_IMPERSONATION_TOKEN_LENGTH ||
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
  if (header.typ !== IMPERSONATION_TOKEN_TYPE) {
    throw new TokenVerificationError('header', 'wrong typ');
  }
  if (typeof header.kid !== 'string' || !KID_PATTERN.test(header.kid)) {
    throw new TokenVerificationError('header', 'kid missing or not a plain identifier');
  }
  if (typeof header.alg !== 'string') throw new TokenVerificationError('header', 'alg missing');
  return { alg: header.alg, kid: header.kid };
}

function readClaims(
  payload: JWTPayload,
  keyId: string,
  options: Required<VerifyImpersonationTokenOptions>,
): ImpersonationTokenClaims {
  const { iss, aud, sub, jti, iat, exp } = payload;
  const { act, loc, mode, kind } = payload as Record<string, unknown>;
  if (typeof iss !== 'string' || typeof aud !== 'string') {
    throw new TokenVerificationError('claims', '"iss" and "aud" must be single strings');
  }
  if (!isNonEmptyString(sub) || !isNonEmptyString(jti) || !isNonEmptyString(loc)) {
    throw new TokenVerificationError('claims', '"sub", "jti" and "loc" must be non-empty strings');
  }
  if (
    typeof act !== 'object' ||
    act === null ||
    !isNonEmptyString((act as { sub?: unknown }).sub)
  ) {
    throw new TokenVerificationError('claims', '"act" must be an object with a "sub"');
  }
  if (mode !== undefined && !MODES.includes(mode as string)) {
    throw new TokenVerificationError('claims', 'unknown "mode"');
  }
  if (kind !== undefined && !KINDS.includes(kind as string)) {
    throw new TokenVerificationError('claims', 'unknown "kind"');
  }
  if (typeof iat !== 'number' || typeof exp !== 'number') {
    throw new TokenVerificationError('claims', '"iat" and "exp" must be numbers');
  }
  // A validly signed token that claims a long life was not minted by this code (or was minted
  // under a misconfiguration); either way it is not a grant we are willing to honour.
  if (exp <= iat || exp - iat > options.maxAgeSeconds) {
    throw new TokenVerificationError('claims', 'lifetime exceeds the cap');
  }
  const nowSeconds = options.now.getTime() / 1000;
  if (iat > nowSeconds + options.clockToleranceSeconds) {
    throw new TokenVerificationError('not-yet-valid', 'issued in the future');
  }

  return {
    issuer: iss,
    audience: aud,
    subject: sub,
    actor: { sub: (act as { sub: string }).sub },
    location: loc,
    jti,
    ...(mode === undefined ? {} : { mode: mode as ImpersonationMode }),
    ...(kind === undefined ? {} : { kind: kind as ImpersonationKind }),
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
    keyId,
  };
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

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
