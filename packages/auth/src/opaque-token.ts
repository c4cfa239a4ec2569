import { createHash, randomBytes } from 'node:crypto';

export type OpaqueTokenKind = 'session' | 'refresh';

/**
 * A visible prefix tells a reader (and secret scanners) what a leaked token is, and lets the
 * server refuse a refresh token presented as a bearer before any database lookup.
 */
export const OPAQUE_TOKEN_PREFIXES: Readonly<Record<OpaqueTokenKind, string>> = Object.freeze({
  session: 'hds_',
  refresh: 'hdr_',
});

/** 256 bits: guessing is hopeless even against a database of many live sessions. */
const TOKEN_BYTES = 32;
const BODY = /^[A-Za-z0-9_-]{43}$/;

/** A url-safe bearer or refresh token; store only {@link hashOpaqueToken} of it. */
export function generateOpaqueToken(kind: OpaqueTokenKind = 'session'): string {
  return OPAQUE_TOKEN_PREFIXES[kind] + randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * Hex SHA-256. A plain fast hash suffices (no salt, no KDF) because the input already carries
 * 256 bits of entropy; a stolen table of hashes yields no usable token.
 */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The kind a well-formed token was generated as, or undefined for anything else. */
export function opaqueTokenKind(token: string): OpaqueTokenKind | undefined {
  for (const kind of ['session', 'refresh'] as const) {
    const prefix = OPAQUE_TOKEN_PREFIXES[kind];
    if (token.startsWith(prefix) && BODY.test(token.slice(prefix.length))) return kind;
  }
  return undefined;
}
