import { FlattenedSign, flattenedVerify, type FlattenedJWS } from 'jose';

import { type KeySet } from './key-set';

/** Explicit type, so no other document signed by the same keys passes for a checkpoint. */
export const AUDIT_CHECKPOINT_TYPE = 'hotdesk-audit-checkpoint+jws';

/** The audit chain's head at one moment, as signed and kept outside the database. */
export interface AuditCheckpoint {
  /** The deployment (token issuer) whose chain this is. */
  iss: string;
  /** Position of the last link, as a decimal string (positions are 64-bit). */
  seq: string;
  /** That link's hash. */
  hash: string;
  /** When the checkpoint was signed, ISO 8601. */
  at: string;
}

/** A flattened JWS (RFC 7515 §7.2.2): JSON, so a log line or a file holds it as is. */
export type SignedAuditCheckpoint = Pick<FlattenedJWS, 'payload' | 'protected' | 'signature'>;

export async function signAuditCheckpoint(
  keys: KeySet,
  checkpoint: AuditCheckpoint,
): Promise<SignedAuditCheckpoint> {
  const { kid, alg, privateKey } = keys.signingKey();
  const jws = await new FlattenedSign(new TextEncoder().encode(JSON.stringify(checkpoint)))
    .setProtectedHeader({ alg, kid, typ: AUDIT_CHECKPOINT_TYPE })
    .sign(privateKey);
  return { payload: jws.payload, protected: jws.protected as string, signature: jws.signature };
}

/**
 * The checkpoint inside `signed`, once its signature verifies with an active key of `keys` and
 * its type and shape are right; throws otherwise, without echoing the input.
 */
export async function verifyAuditCheckpoint(
  keys: KeySet,
  signed: unknown,
  expectedIssuer: string,
): Promise<AuditCheckpoint> {
  if (
    !isRecord(signed) ||
    typeof signed.payload !== 'string' ||
    typeof signed.protected !== 'string' ||
    typeof signed.signature !== 'string'
  ) {
    throw new Error('Audit checkpoint: not a flattened JWS');
  }
  let payload: Uint8Array;
  try {
    ({ payload } = await flattenedVerify(
      { payload: signed.payload, protected: signed.protected, signature: signed.signature },
      (header) => {
        const key = typeof header.kid === 'string' ? keys.verificationKey(header.kid) : undefined;
        if (!key || header.alg !== key.alg || header.typ !== AUDIT_CHECKPOINT_TYPE) {
          throw new Error('unknown key, algorithm or type');
        }
        return key.publicKey;
      },
    ));
  } catch {
    throw new Error('Audit checkpoint: the signature does not verify with the key set');
  }
  const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
  if (
    !isRecord(claims) ||
    claims.iss !== expectedIssuer ||
    typeof claims.seq !== 'string' ||
    !/^\d{1,20}$/.test(claims.seq) ||
    typeof claims.hash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(claims.hash) ||
    typeof claims.at !== 'string' ||
    Number.isNaN(Date.parse(claims.at))
  ) {
    throw new Error('Audit checkpoint: signed, but not a checkpoint of this deployment');
  }
  return { iss: claims.iss, seq: claims.seq, hash: claims.hash, at: claims.at };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
