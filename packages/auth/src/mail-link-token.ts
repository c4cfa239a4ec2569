import { SignJWT } from 'jose';

import { isNonEmptyString, verifyCompactJws } from './compact-jws';
import { type KeySet } from './key-set';
import { TokenVerificationError } from './token-verification-error';

/**
 * The type of the token a link in an e-mail carries (in the URL fragment, never the query), so
 * that no impersonation grant, checkpoint or other token signed by the same keys passes for one.
 */
export const MAIL_LINK_TOKEN_TYPE = 'hotdesk-mail-link+jwt';
/** A link outlives a week under no configuration. */
export const MAX_MAIL_LINK_SECONDS = 7 * 24 * 60 * 60;
export const MAX_MAIL_LINK_TOKEN_LENGTH = 2048;
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * What a link lets its holder do, and nothing else: say "I did not expect this" about one view,
 * or answer one request to view the member's account.
 */
export const MAIL_LINK_PURPOSES = ['report_view', 'decide_access_request'] as const;
export type MailLinkPurpose = (typeof MAIL_LINK_PURPOSES)[number];

export interface MailLinkClaims {
  purpose: MailLinkPurpose;
  /** The member the e-mail went to (a coworker id). */
  coworkerId: number;
  /** The view (`report_view`) or the access request (`decide_access_request`) it is about. */
  subjectId: string;
  /** Unique per link: spending it once spends it for good. */
  jti: string;
  expiresAt: Date;
}

export interface MailLinkTokenInput extends Omit<MailLinkClaims, 'expiresAt'> {
  issuer: string;
  audience: string;
  lifetimeSeconds: number;
  now: Date;
}

const REQUIRED_CLAIMS = ['iss', 'aud', 'sub', 'jti', 'iat', 'exp', 'purpose', 'ref'];

export async function signMailLinkToken(
  keySet: KeySet,
  input: MailLinkTokenInput,
): Promise<string> {
  const { lifetimeSeconds } = input;
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1) {
    throw new RangeError('lifetimeSeconds must be a positive integer');
  }
  if (lifetimeSeconds > MAX_MAIL_LINK_SECONDS) {
    throw new RangeError(`lifetimeSeconds may not exceed ${MAX_MAIL_LINK_SECONDS}`);
  }
  if (!Number.isSafeInteger(input.coworkerId) || input.coworkerId < 1) {
    throw new TypeError('coworkerId must be a positive integer');
  }
  if (!isNonEmptyString(input.subjectId) || !isNonEmptyString(input.jti)) {
    throw new TypeError('subjectId and jti must be non-empty strings');
  }
  const { kid, alg, privateKey } = keySet.signingKey();
  const issuedAt = Math.floor(input.now.getTime() / 1000);
  return new SignJWT({ purpose: input.purpose, ref: input.subjectId })
    .setProtectedHeader({ alg, kid, typ: MAIL_LINK_TOKEN_TYPE })
    .setIssuer(input.issuer)
    .setAudience(input.audience)
    .setSubject(String(input.coworkerId))
    .setJti(input.jti)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(privateKey);
}

/**
 * Checks a link's token for one purpose: signature, type, issuer, audience, time. Single use
 * needs the database: the caller spends `jti` in the transaction that acts on the link.
 */
export async function verifyMailLinkToken(
  keySet: KeySet,
  token: string,
  expected: { issuer: string; audience: string; purpose: MailLinkPurpose; now: Date },
): Promise<MailLinkClaims> {
  const { payload } = await verifyCompactJws(keySet, token, {
    typ: MAIL_LINK_TOKEN_TYPE,
    maxLength: MAX_MAIL_LINK_TOKEN_LENGTH,
    issuer: expected.issuer,
    audience: expected.audience,
    requiredClaims: REQUIRED_CLAIMS,
    maxAgeSeconds: MAX_MAIL_LINK_SECONDS,
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    now: expected.now,
  });
  const { sub, jti, iat, exp } = payload;
  const { purpose, ref } = payload as Record<string, unknown>;
  if (purpose !== expected.purpose) {
    throw new TokenVerificationError('claims', 'the link is for something else');
  }
  const coworkerId = Number(sub);
  if (
    !isNonEmptyString(sub) ||
    !/^[1-9][0-9]{0,15}$/.test(sub) ||
    !Number.isSafeInteger(coworkerId)
  ) {
    throw new TokenVerificationError('claims', '"sub" must be a coworker id');
  }
  if (!isNonEmptyString(ref) || !isNonEmptyString(jti)) {
    throw new TokenVerificationError('claims', '"ref" and "jti" must be non-empty strings');
  }
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat) {
    throw new TokenVerificationError('claims', '"iat" and "exp" must be numbers, in order');
  }
  if (exp - iat > MAX_MAIL_LINK_SECONDS) {
    throw new TokenVerificationError('claims', 'lifetime exceeds the cap');
  }
  if (iat > expected.now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) {
    throw new TokenVerificationError('not-yet-valid', 'issued in the future');
  }
  return {
    purpose: expected.purpose,
    coworkerId,
    subjectId: ref,
    jti,
    expiresAt: new Date(exp * 1000),
  };
}
