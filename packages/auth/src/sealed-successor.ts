import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The two tokens a refresh hands out. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

const INFO = 'hotdesk refresh successor v1';

function keyOf(previousRefreshToken: string, sessionId: string): Buffer {
  // HKDF, not the SHA-256 the database stores: the stored hash of the old token opens nothing.
  return Buffer.from(hkdfSync('sha256', previousRefreshToken, sessionId, INFO, 32));
}

/**
 * Encrypts the pair a refresh just issued under a key derived from the refresh token it
 * replaced (AES-256-GCM), for storage beside the session. Only someone who presents that old
 * token can open it — and anyone who can was entitled to this very pair a moment ago.
 */
export function sealSuccessor(
  previousRefreshToken: string,
  sessionId: string,
  pair: TokenPair,
): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(previousRefreshToken, sessionId), iv);
  const body = Buffer.concat([
    cipher.update(JSON.stringify([pair.accessToken, pair.refreshToken]), 'utf8'),
    cipher.final(),
  ]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The pair sealed with `previousRefreshToken`, or null for any other token or a damaged seal. */
export function openSuccessor(
  previousRefreshToken: string,
  sessionId: string,
  sealed: string,
): TokenPair | null {
  try {
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyOf(previousRefreshToken, sessionId),
      bytes.subarray(0, 12),
    );
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const plain = Buffer.concat([decipher.update(bytes.subarray(12, -16)), decipher.final()]);
    const [accessToken, refreshToken] = JSON.parse(plain.toString('utf8')) as [string, string];
    return { accessToken, refreshToken };
  } catch {
    return null;
  }
}
