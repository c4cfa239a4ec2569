import { describe, expect, it } from 'vitest';
import { findTotpTimeStep, generateTotp, generateTotpSecret, verifyTotp } from './totp';

/** RFC 6238 appendix B: the ASCII secret "12345678901234567890", SHA-1. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const DEMO_SECRET = 'JBSWY3DPEHPK3PXP';
const AT = new Date('2030-06-01T12:00:10Z');
const seconds = (n: number) => new Date(AT.getTime() + n * 1000);

describe('generateTotp', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('matches the RFC 6238 vector at T=%i', (unixSeconds, code) => {
    expect(generateTotp(RFC_SECRET, new Date(unixSeconds * 1000))).toBe(code);
  });
});

describe('verifyTotp', () => {
  it('accepts the current code', () => {
    expect(verifyTotp(DEMO_SECRET, generateTotp(DEMO_SECRET, AT), { at: AT })).toBe(true);
    expect(verifyTotp(RFC_SECRET, '081804', { at: new Date(1111111109 * 1000) })).toBe(true);
  });

  it('rejects a wrong code and a code for another secret', () => {
    const code = generateTotp(DEMO_SECRET, AT);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(DEMO_SECRET, wrong, { at: AT })).toBe(false);
    expect(verifyTotp(RFC_SECRET, code, { at: AT })).toBe(false);
  });

  it('accepts the adjacent steps within the window and nothing beyond', () => {
    const previous = generateTotp(DEMO_SECRET, seconds(-30));
    const next = generateTotp(DEMO_SECRET, seconds(30));
    const older = generateTotp(DEMO_SECRET, seconds(-60));
    expect(verifyTotp(DEMO_SECRET, previous, { at: AT })).toBe(true);
    expect(verifyTotp(DEMO_SECRET, next, { at: AT })).toBe(true);
    expect(verifyTotp(DEMO_SECRET, previous, { at: AT, window: 0 })).toBe(false);
    expect(verifyTotp(DEMO_SECRET, older, { at: AT })).toBe(false);
    expect(verifyTotp(DEMO_SECRET, older, { at: AT, window: 2 })).toBe(true);
  });

  it.each(['', '12345', '1234567', 'abcdef', ' 123456', '123 456', '12345\n', '１２３４５６'])(
    'answers false, without throwing, for the malformed code %j',
    (code) => {
      expect(verifyTotp(DEMO_SECRET, code, { at: AT })).toBe(false);
    },
  );

  it('rejects a nonsense window and an empty secret loudly', () => {
    expect(() => verifyTotp(DEMO_SECRET, '123456', { window: -1 })).toThrow(RangeError);
    expect(() => verifyTotp('', '123456')).toThrow();
  });
});

describe('findTotpTimeStep', () => {
  it('returns the absolute step a code belongs to, so a reused code can be refused', () => {
    const step = Math.floor(AT.getTime() / 30_000);
    expect(findTotpTimeStep(DEMO_SECRET, generateTotp(DEMO_SECRET, AT), { at: AT })).toBe(step);
    expect(findTotpTimeStep(DEMO_SECRET, generateTotp(DEMO_SECRET, seconds(-30)), { at: AT })).toBe(
      step - 1,
    );
    expect(findTotpTimeStep(DEMO_SECRET, 'nope', { at: AT })).toBeUndefined();
  });
});

describe('generateTotpSecret', () => {
  it('makes a different 160-bit base32 secret each time, usable at once', () => {
    const secrets = new Set(Array.from({ length: 20 }, () => generateTotpSecret()));
    expect(secrets.size).toBe(20);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(verifyTotp(secret, generateTotp(secret, AT), { at: AT })).toBe(true);
    }
  });
});
