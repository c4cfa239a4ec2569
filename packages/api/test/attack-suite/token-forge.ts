import { createHmac, createPublicKey } from 'node:crypto';

import { generateSigningJwk, loadKeySetFromJson, type KeySet, type PublicJwk } from '@hotdesk/auth';

export type Json = Record<string, unknown>;

/** A WebCrypto private key as the key sets hold them (usable to sign, never exportable). */
export type SigningPrivateKey = ReturnType<KeySet['signingKey']>['privateKey'];

export const b64url = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** The three segments of a compact JWS and what the first two decode to. */
export function splitToken(token: string) {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const decode = (segment: string) =>
    JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Json;
  return {
    segments: [header, payload, signature] as const,
    header: decode(header),
    payload: decode(payload),
    signature,
  };
}

/**
 * Signs any header and payload (objects, or raw JSON text) with an Ed25519 key, bypassing every
 * check a JWT library would make: what the server gets is exactly what we wrote.
 */
export async function signEd25519(
  privateKey: SigningPrivateKey,
  header: Json | string,
  payload: Json | string,
): Promise<string> {
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature = await crypto.subtle.sign(
    'Ed25519',
    privateKey,
    new TextEncoder().encode(input),
  );
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

/** The same with the harness's own signing key: a genuine signature over forged content. */
export function signWithOurKey(keys: KeySet, header: Json | string, payload: Json | string) {
  return signEd25519(keys.signingKey().privateKey, header, payload);
}

export function signHmac(
  alg: 'HS256' | 'HS384' | 'HS512',
  secret: string | Buffer,
  header: Json,
  payload: Json,
): string {
  const input = `${b64url({ ...header, alg })}.${b64url(payload)}`;
  const digest = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  return `${input}.${createHmac(digest, secret).update(input).digest('base64url')}`;
}

/** Every way an HMAC-confusion attacker might serialise our public key as the "secret". */
export function publicKeyAsSecrets(jwk: PublicJwk): Array<[string, string | Buffer]> {
  const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
  const pem = key.export({ type: 'spki', format: 'pem' }).toString();
  return [
    ['JWK JSON as published', JSON.stringify(jwk)],
    ['JWK JSON {kty,crv,x}', JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x })],
    ['JWKS document', JSON.stringify({ keys: [jwk] })],
    ['raw x (base64url text)', jwk.x],
    ['raw x (bytes)', Buffer.from(jwk.x, 'base64url')],
    ['PEM (SPKI)', pem],
    ['PEM without final newline', pem.trimEnd()],
    ['DER (SPKI bytes)', key.export({ type: 'spki', format: 'der' })],
  ];
}

/** A key pair that is not ours, as an attacker would generate it. */
export async function attackerKeys(alg: 'Ed25519' | 'ES256' = 'Ed25519') {
  const jwk = await generateSigningJwk(alg);
  const keys = await loadKeySetFromJson(JSON.stringify({ keys: [jwk] }));
  const { d: _private, ...publicJwk } = jwk;
  return { keys, publicJwk };
}
