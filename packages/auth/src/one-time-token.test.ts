import {
  createHmac,
  createPrivateKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  type KeyObject,
} from 'node:crypto';
import { base64url, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningJwk, loadKeySetFromJson, type KeySet, type SigningJwk } from './key-set';
import {
  IMPERSONATION_TOKEN_TYPE,
  MAX_IMPERSONATION_TOKEN_LENGTH,
  signImpersonationToken,
  verifyImpersonationToken,
  type ImpersonationTokenInput,
} from './one-time-token';
import { TokenVerificationError, type TokenVerificationReason } from './token-verification-error';

const ISSUER = 'hotdesk';
const AUDIENCE = 'hotdesk:impersonation-exchange';
const NOW = new Date('2030-06-01T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const VERIFY = { issuer: ISSUER, audience: AUDIENCE, now: NOW };

let jwk: SigningJwk;
let keySet: KeySet;
let privateKey: KeyObject;
const attacker = generateKeyPairSync('ed25519');
const attackerKey = attacker.privateKey;
const attackerPublicJwk = { ...attacker.publicKey.export({ format: 'jwk' }), kid: 'attacker' };

beforeAll(async () => {
  jwk = await generateSigningJwk();
  keySet = await loadKeySetFromJson(JSON.stringify({ keys: [jwk] }));
  privateKey = createPrivateKey({ key: { ...jwk }, format: 'jwk' });
});

function input(overrides: Partial<ImpersonationTokenInput> = {}): ImpersonationTokenInput {
  return {
    issuer: ISSUER,
    audience: AUDIENCE,
    subject: '42',
    actor: { sub: '7' },
    location: '1',
    jti: randomUUID(),
    now: NOW,
    ...overrides,
  };
}

function header(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { alg: 'Ed25519', kid: jwk.kid, typ: IMPERSONATION_TOKEN_TYPE, ...overrides };
}

function claims(overrides: Record<string, unknown> = {}): JWTPayload {
  return {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: '42',
    act: { sub: '7' },
    loc: '1',
    jti: randomUUID(),
    iat: NOW_SECONDS,
    exp: NOW_SECONDS + 60,
    ...overrides,
  };
}

function encodeSegment(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}

/**
 * Builds and signs exactly the header and claims given with node:crypto, bypassing every guard
 * of signImpersonationToken and of jose's signer: an attacker is not bound by either.
 */
function craft(
  protectedHeader: Record<string, unknown> = header(),
  payload: JWTPayload = claims(),
  key: KeyObject | Uint8Array = privateKey,
): string {
  const signingInput = `${encodeSegment(protectedHeader)}.${encodeSegment(payload)}`;
  let signature: Buffer;
  if (key instanceof Uint8Array) {
    signature = createHmac('sha256', key).update(signingInput).digest();
  } else if (key.asymmetricKeyType === 'ec') {
    signature = sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
  } else {
    signature = sign(null, Buffer.from(signingInput), key);
  }
  return `${signingInput}.${base64url.encode(signature)}`;
}

async function refusal(
  token: string,
  options: Partial<typeof VERIFY> & { maxAgeSeconds?: number } = {},
  set: KeySet = keySet,
): Promise<TokenVerificationReason> {
  const error: unknown = await verifyImpersonationToken(set, token, { ...VERIFY, ...options }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TokenVerificationError);
  const { message } = error as TokenVerificationError;
  for (const segment of token.split('.').filter((part) => part.length > 8)) {
    expect(message).not.toContain(segment);
  }
  return (error as TokenVerificationError).reason;
}

describe('signImpersonationToken / verifyImpersonationToken', () => {
  it('round-trips every claim', async () => {
    const jti = randomUUID();
    const token = await signImpersonationToken(
      keySet,
      input({ jti, mode: 'READ_ONLY', kind: 'TEAM_ADMIN' }),
    );

    const verified = await verifyImpersonationToken(keySet, token, VERIFY);

    expect(verified).toEqual({
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: '42',
      actor: { sub: '7' },
      location: '1',
      jti,
      mode: 'READ_ONLY',
      kind: 'TEAM_ADMIN',
      issuedAt: NOW,
      expiresAt: new Date(NOW.getTime() + 60_000),
      keyId: jwk.kid,
    });
  });

  it('writes the pinned header and the RFC 8693 actor claim', async () => {
    const token = await signImpersonationToken(keySet, input({ lifetimeSeconds: 120 }));
    const [headerSegment = '', payloadSegment = ''] = token.split('.');

    expect(JSON.parse(new TextDecoder().decode(base64url.decode(headerSegment)))).toEqual({
      alg: 'Ed25519',
      kid: jwk.kid,
      typ: 'hotdesk-impersonation+jwt',
    });
    const payload = JSON.parse(new TextDecoder().decode(base64url.decode(payloadSegment)));
    expect(payload).toMatchObject({ sub: '42', act: { sub: '7' }, loc: '1' });
    expect(payload.exp - payload.iat).toBe(120);
  });

  it('lives 60 seconds by default', async () => {
    const token = await signImpersonationToken(keySet, input());
    const { issuedAt, expiresAt } = await verifyImpersonationToken(keySet, token, VERIFY);
    expect(expiresAt.getTime() - issuedAt.getTime()).toBe(60_000);
  });

  it('refuses to sign for longer than five minutes', async () => {
    await expect(signImpersonationToken(keySet, input({ lifetimeSeconds: 300 }))).resolves.toEqual(
      expect.any(String),
    );
    await expect(signImpersonationToken(keySet, input({ lifetimeSeconds: 301 }))).rejects.toThrow(
      RangeError,
    );
    await expect(signImpersonationToken(keySet, input({ lifetimeSeconds: 0 }))).rejects.toThrow(
      RangeError,
    );
  });

  it('accepts the hand-crafted control token, so every refusal below is down to its one change', async () => {
    await expect(verifyImpersonationToken(keySet, craft(), VERIFY)).resolves.toMatchObject({
      subject: '42',
    });
  });
});

describe('verifyImpersonationToken refuses', () => {
  it('alg "none" with an empty signature', async () => {
    const token = `${encodeSegment(header({ alg: 'none' }))}.${encodeSegment(claims())}.`;
    expect(await refusal(token)).toBe('header');
  });

  it('HS256 keyed with the public key (algorithm confusion)', async () => {
    const publicJwk = keySet.publicJwks().keys[0];
    const secrets = [
      base64url.decode(jwk.x),
      new TextEncoder().encode(JSON.stringify(publicJwk)),
      new TextEncoder().encode(jwk.x),
    ];
    for (const secret of secrets) {
      expect(await refusal(craft(header({ alg: 'HS256' }), claims(), secret))).toBe('header');
    }
  });

  it('EdDSA, the polymorphic name, even though the same key made the signature', async () => {
    expect(await refusal(craft(header({ alg: 'EdDSA' })))).toBe('header');
  });

  it('an embedded jwk header carrying the attacker key', async () => {
    const token = craft(header({ jwk: attackerPublicJwk }), claims(), attackerKey);
    expect(await refusal(token)).toBe('header');
  });

  it('an embedded jwk header even when the real key signed', async () => {
    expect(await refusal(craft(header({ jwk: attackerPublicJwk })))).toBe('header');
  });

  it.each([
    ['jku', { jku: 'https://attacker.example/jwks.json' }],
    ['x5u', { x5u: 'https://attacker.example/cert.pem' }],
    ['x5c', { x5c: ['MIIB'] }],
    ['crit', { crit: ['exp'], exp: 1 }],
    ['b64', { b64: false, crit: ['b64'] }],
  ])('a %s header', async (_name, extra) => {
    expect(await refusal(craft(header(extra), claims(), attackerKey))).toBe('header');
    expect(await refusal(craft(header(extra)))).toBe('header');
  });

  it.each(['../../etc/passwd', '/dev/null', 'x/../y', 'a b', 'kid?x=1', ''])(
    'a kid that is not a plain identifier: %j',
    async (kid) => {
      expect(await refusal(craft(header({ kid })))).toBe('header');
    },
  );

  it('a token without a kid', async () => {
    expect(await refusal(craft({ alg: 'Ed25519', typ: IMPERSONATION_TOKEN_TYPE }))).toBe('header');
  });

  it('an unknown kid', async () => {
    const token = craft(header({ kid: 'attacker' }), claims(), attackerKey);
    expect(await refusal(token)).toBe('unknown-key');
  });

  it('our kid on a token the attacker signed', async () => {
    expect(await refusal(craft(header(), claims(), attackerKey))).toBe('signature');
  });

  it('a token from a retired key', async () => {
    const successor = await generateSigningJwk();
    const rotated = await loadKeySetFromJson(
      JSON.stringify({ keys: [successor, { ...jwk, status: 'retired' }] }),
    );
    expect(await refusal(craft(), {}, rotated)).toBe('unknown-key');
  });

  it('an expired token, after the clock tolerance', async () => {
    const token = await signImpersonationToken(
      keySet,
      input({ now: new Date(NOW.getTime() - 64_000) }),
    );
    await expect(verifyImpersonationToken(keySet, token, VERIFY)).resolves.toBeDefined();
    expect(await refusal(token, { now: new Date(NOW.getTime() + 2_000) })).toBe('expired');
  });

  it('a token older than maxAgeSeconds although not yet expired', async () => {
    const token = await signImpersonationToken(keySet, input({ lifetimeSeconds: 300 }));
    const later = new Date(NOW.getTime() + 120_000);
    expect(await refusal(token, { now: later, maxAgeSeconds: 60 })).toBe('expired');
  });

  it('a token issued in the future beyond the clock tolerance', async () => {
    const early = craft(header(), claims({ iat: NOW_SECONDS + 3, exp: NOW_SECONDS + 63 }));
    await expect(verifyImpersonationToken(keySet, early, VERIFY)).resolves.toBeDefined();
    const future = craft(header(), claims({ iat: NOW_SECONDS + 120, exp: NOW_SECONDS + 180 }));
    expect(await refusal(future)).toBe('not-yet-valid');
  });

  it('a validly signed token whose exp − iat is ten minutes', async () => {
    expect(await refusal(craft(header(), claims({ exp: NOW_SECONDS + 600 })))).toBe('claims');
  });

  it('a lifetime longer than the verifier allows', async () => {
    const token = await signImpersonationToken(keySet, input({ lifetimeSeconds: 120 }));
    expect(await refusal(token, { maxAgeSeconds: 60 })).toBe('claims');
  });

  it.each([['JWT'], ['at+jwt'], ['application/hotdesk-impersonation+jwt'], [undefined]])(
    'typ %j',
    async (typ) => {
      expect(await refusal(craft(header({ typ })))).toBe('header');
    },
  );

  it.each([
    ['another audience', { aud: 'hotdesk:something-else' }],
    ['an audience list', { aud: [AUDIENCE, 'other'] }],
    ['another issuer', { iss: 'evil' }],
    ['act as a string', { act: '7' }],
    ['act without sub', { act: {} }],
    ['an empty sub', { sub: '' }],
    ['a numeric loc', { loc: 1 }],
    ['an unknown mode', { mode: 'GOD' }],
    ['an unknown kind', { kind: 'ROOT' }],
  ])('%s', async (_name, overrides) => {
    expect(await refusal(craft(header(), claims(overrides)))).toBe('claims');
  });

  it.each(['exp', 'iat', 'jti', 'sub', 'act', 'loc', 'iss', 'aud'])(
    'a token without %s',
    async (claim) => {
      const payload = claims();
      delete payload[claim];
      expect(await refusal(craft(header(), payload))).toBe('claims');
    },
  );

  it('a flipped signature byte', async () => {
    const token = await signImpersonationToken(keySet, input());
    const [head, body, signature = ''] = token.split('.');
    const bytes = base64url.decode(signature);
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    expect(await refusal(`${head}.${body}.${base64url.encode(bytes)}`)).toBe('signature');
  });

  it('a modified payload under the original signature', async () => {
    const token = await signImpersonationToken(keySet, input());
    const [head, , signature] = token.split('.');
    const forged = `${head}.${encodeSegment(claims({ sub: '43' }))}.${signature}`;
    expect(await refusal(forged)).toBe('signature');
  });

  it.each([
    ['an empty string', ''],
    ['a random word', 'impersonate-me'],
    ['two segments', 'abc.def'],
    ['a header that is not JSON', `${base64url.encode('nope')}.${encodeSegment(claims())}.c2ln`],
    ['a JWE-shaped token', 'a.b.c.d.e'],
    ['an oversized token', `${'a'.repeat(MAX_IMPERSONATION_TOKEN_LENGTH)}.b.c`],
  ])('%s as malformed', async (_name, token) => {
    expect(await refusal(token)).toBe('malformed');
  });
});

describe('key rotation', () => {
  it('keeps verifying the old key until it is retired, while new tokens use the new kid', async () => {
    const oldJwk = await generateSigningJwk();
    const newJwk = await generateSigningJwk();
    const before = await loadKeySetFromJson(JSON.stringify({ keys: [oldJwk] }));
    const oldToken = await signImpersonationToken(before, input());

    const during = await loadKeySetFromJson(JSON.stringify({ keys: [newJwk, oldJwk] }));
    await expect(verifyImpersonationToken(during, oldToken, VERIFY)).resolves.toMatchObject({
      keyId: oldJwk.kid,
    });
    const newToken = await signImpersonationToken(during, input());
    const verifiedNew = await verifyImpersonationToken(during, newToken, VERIFY);
    expect(verifiedNew.keyId).toBe(newJwk.kid);
    expect(during.publicJwks().keys.map((key) => key.kid)).toEqual([newJwk.kid, oldJwk.kid]);

    const after = await loadKeySetFromJson(
      JSON.stringify({ keys: [newJwk, { ...oldJwk, status: 'retired' }] }),
    );
    expect(await refusal(oldToken, {}, after)).toBe('unknown-key');
    await expect(verifyImpersonationToken(after, newToken, VERIFY)).resolves.toBeDefined();
    expect(after.publicJwks().keys.map((key) => key.kid)).toEqual([newJwk.kid]);
  });

  it('verifies with the public half alone once the private part is removed', async () => {
    const oldJwk = await generateSigningJwk();
    const newJwk = await generateSigningJwk();
    const oldToken = await signImpersonationToken(
      await loadKeySetFromJson(JSON.stringify({ keys: [oldJwk] })),
      input(),
    );
    const { d: _d, ...oldPublic } = oldJwk;
    const set = await loadKeySetFromJson(JSON.stringify({ keys: [newJwk, oldPublic] }));
    await expect(verifyImpersonationToken(set, oldToken, VERIFY)).resolves.toBeDefined();
  });

  it('pins each kid to its own algorithm in a mixed Ed25519 + ES256 set', async () => {
    const es256 = await generateSigningJwk('ES256');
    const set = await loadKeySetFromJson(JSON.stringify({ keys: [es256, jwk] }));
    const token = await signImpersonationToken(set, input());
    await expect(verifyImpersonationToken(set, token, VERIFY)).resolves.toMatchObject({
      keyId: es256.kid,
    });
    const esKey = createPrivateKey({ key: { ...es256 }, format: 'jwk' });
    const crossed = craft(header({ alg: 'ES256' }), claims(), esKey);
    expect(await refusal(crossed, {}, set)).toBe('header');
  });
});

describe('canonical encoding', () => {
  it('refuses a signature re-spelled in its unused trailing bits', async () => {
    const keys = await loadKeySetFromJson(JSON.stringify({ keys: [await generateSigningJwk()] }));
    const options = { issuer: 'iss', audience: 'aud' };
    const token = await signImpersonationToken(keys, {
      ...options,
      subject: '1',
      actor: { sub: '2' },
      location: '3',
      jti: 'canonical-test',
    });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const variants = [...alphabet]
      .map((char) => token.slice(0, -1) + char)
      .filter((variant) => variant !== token);
    const accepted = [];
    for (const variant of variants) {
      if (
        await verifyImpersonationToken(keys, variant, options).then(
          () => true,
          () => false,
        )
      ) {
        accepted.push(variant);
      }
    }
    expect(accepted).toEqual([]);
    await expect(verifyImpersonationToken(keys, token, options)).resolves.toBeTruthy();
  });
});
