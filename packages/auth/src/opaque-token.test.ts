import { describe, expect, it } from 'vitest';
import { generateOpaqueToken, hashOpaqueToken, opaqueTokenKind } from './opaque-token';

describe('generateOpaqueToken', () => {
  it('is a prefixed url-safe string carrying 32 random bytes', () => {
    const session = generateOpaqueToken();
    const refresh = generateOpaqueToken('refresh');
    expect(session).toMatch(/^hds_[A-Za-z0-9_-]{43}$/);
    expect(refresh).toMatch(/^hdr_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(session.slice(4), 'base64url')).toHaveLength(32);
    expect(encodeURIComponent(session)).toBe(session);
  });

  it('never repeats and spreads its bits evenly', () => {
    const tokens = Array.from({ length: 2000 }, () => generateOpaqueToken());
    expect(new Set(tokens).size).toBe(tokens.length);

    let ones = 0;
    for (const token of tokens) {
      for (const byte of Buffer.from(token.slice(4), 'base64url')) {
        ones += byte.toString(2).replaceAll('0', '').length;
      }
    }
    const bits = tokens.length * 32 * 8;
    // 512,000 fair coin flips: 0.5 ± 0.005 is more than 7 standard deviations wide.
    expect(ones / bits).toBeGreaterThan(0.495);
    expect(ones / bits).toBeLessThan(0.505);
  });
});

describe('hashOpaqueToken', () => {
  it('is the hex SHA-256 of the token, stable across calls', () => {
    expect(hashOpaqueToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const token = generateOpaqueToken();
    expect(hashOpaqueToken(token)).toBe(hashOpaqueToken(token));
    expect(hashOpaqueToken(token)).not.toBe(hashOpaqueToken(generateOpaqueToken()));
    expect(hashOpaqueToken(token)).not.toContain(token.slice(4));
  });
});

describe('opaqueTokenKind', () => {
  it('tells session from refresh tokens and refuses anything else', () => {
    expect(opaqueTokenKind(generateOpaqueToken('session'))).toBe('session');
    expect(opaqueTokenKind(generateOpaqueToken('refresh'))).toBe('refresh');
    const body = generateOpaqueToken().slice(4);
    for (const other of ['', body, `hdx_${body}`, `hds_${body}x`, `hds_${body.slice(1)}!`]) {
      expect(opaqueTokenKind(other)).toBeUndefined();
    }
  });
});
