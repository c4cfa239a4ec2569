import { describe, expect, it } from 'vitest';
import { generateSigningJwk, KeySet, loadKeySetFromJson } from './key-set';

const json = (keys: unknown[]) => JSON.stringify({ keys });

describe('loadKeySetFromJson', () => {
  it('publishes only the public half of keys that still verify', async () => {
    const active = await generateSigningJwk();
    const verifier = await generateSigningJwk('ES256');
    const retired = await generateSigningJwk();
    const set = await loadKeySetFromJson(
      json([active, verifier, { ...retired, status: 'retired' }]),
    );

    const { keys } = set.publicJwks();

    expect(keys).toEqual([
      { kty: 'OKP', crv: 'Ed25519', x: active.x, kid: active.kid, alg: 'Ed25519', use: 'sig' },
      {
        kty: 'EC',
        crv: 'P-256',
        x: verifier.x,
        y: verifier.y,
        kid: verifier.kid,
        alg: 'ES256',
        use: 'sig',
      },
    ]);
    expect(JSON.stringify(set.publicJwks())).not.toContain('"d"');
    expect(JSON.stringify(set.publicJwks())).not.toContain(active.d);
  });

  it('signs with the first active key and verifies with all of them', async () => {
    const first = await generateSigningJwk();
    const second = await generateSigningJwk();
    const set = await loadKeySetFromJson(json([first, { ...second, status: 'active' }]));
    expect(set.signingKeyId).toBe(first.kid);
    expect(set.verificationKey(second.kid)?.kid).toBe(second.kid);
  });

  it('skips retired keys when choosing the signer', async () => {
    const old = await generateSigningJwk();
    const current = await generateSigningJwk();
    const set = await loadKeySetFromJson(json([{ ...old, status: 'retired' }, current]));
    expect(set.signingKeyId).toBe(current.kid);
    expect(set.verificationKey(old.kid)).toBeUndefined();
    expect(set.verificationKey(current.kid)?.alg).toBe('Ed25519');
  });

  it('names a key without kid by its RFC 7638 thumbprint, as generateSigningJwk does', async () => {
    const { kid, ...withoutKid } = await generateSigningJwk();
    expect((await loadKeySetFromJson(json([withoutKid]))).signingKeyId).toBe(kid);
  });

  it('accepts keys labelled with the older "EdDSA" name', async () => {
    const key = await generateSigningJwk();
    const set = await loadKeySetFromJson(json([{ ...key, alg: 'EdDSA' }]));
    expect(set.publicJwks().keys[0]?.alg).toBe('Ed25519');
  });

  it.each([
    ['invalid JSON', '{"keys": [oops'],
    ['no keys array', '{"key": []}'],
    ['an empty set', '{"keys": []}'],
    ['a symmetric key', json([{ kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' }])],
    ['an RSA key', json([{ kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'rsa' }])],
  ])('rejects %s', async (_name, input) => {
    await expect(loadKeySetFromJson(input)).rejects.toThrow(/^Key set/);
  });

  it('rejects ambiguous or unusable documents', async () => {
    const a = await generateSigningJwk();
    const b = await generateSigningJwk();
    const { d: _d, ...publicOnly } = a;
    const cases: [unknown[], RegExp][] = [
      [
        [
          { ...a, status: 'retired' },
          { ...b, status: 'retired' },
        ],
        /every key is retired/,
      ],
      [[publicOnly, b], /has no "d"/],
      [[a, { ...b, kid: a.kid }], /duplicate kid/],
      [[{ ...a, kid: '../../etc/passwd' }], /"kid" must match/],
      [[{ ...a, status: 'sometimes' }], /"status"/],
      [[{ ...a, use: 'enc' }], /"use"/],
      [[{ ...a, d: b.d }], /not a valid Ed25519 key pair/],
      [[{ ...a, alg: 'ES256' }], /only Ed25519/],
    ];
    for (const [keys, message] of cases) {
      await expect(loadKeySetFromJson(json(keys))).rejects.toThrow(message);
    }
  });

  it('never echoes key material in its errors', async () => {
    const key = await generateSigningJwk();
    const broken = `${json([key]).slice(0, -3)}!!`;
    const other = await generateSigningJwk();
    for (const input of [broken, json([{ ...key, d: other.d }])]) {
      const error = await loadKeySetFromJson(input).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).not.toContain(key.d);
      expect((error as Error).message).not.toContain(other.d);
      expect((error as Error).cause).toBeUndefined();
    }
  });

  it('holds private keys that cannot be exported', async () => {
    const set = await KeySet.fromDocument({ keys: [await generateSigningJwk()] });
    expect(set.signingKey().privateKey.extractable).toBe(false);
  });
});
