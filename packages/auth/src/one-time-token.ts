import { SignJWT, type JWTPayload } from 'jose';

import { isNonEmptyString, verifyCompactJws } from './compact-jws';
import { type KeySet } from './key-set';
import { TokenVerificationError } from './token-verification-error';

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

  const now = options.now ?? new Date();
  const { payload, keyId } = await verifyCompactJws(keySet, token, {
    typ: IMPERSONATION_TOKEN_TYPE,
    maxLength: MAX_IMPERSONATION_TOKEN_LENGTH,
    issuer: options.issuer,
    audience: options.audience,
    requiredClaims: REQUIRED_CLAIMS,
    maxAgeSeconds,
    clockToleranceSeconds,
    now,
  });
  return readClaims(payload, keyId, { ...options, maxAgeSeconds, clockToleranceSeconds, now });
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
