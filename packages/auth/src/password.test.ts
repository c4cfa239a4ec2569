import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  INSECURE_TEST_PASSWORD_COST,
  needsRehash,
  verifyPassword,
  verifyPasswordOrDummy,
} from './password';

const FAST = INSECURE_TEST_PASSWORD_COST;

describe('hashPassword / verifyPassword', () => {
  it('stores the parameters, salt and hash in one string', async () => {
    const stored = await hashPassword('hotdesk-demo');
    expect(stored).toMatch(/^scrypt\$N=32768,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    await expect(verifyPassword('hotdesk-demo', stored)).resolves.toBe(true);
  });

  it('rejects a wrong password', async () => {
    const stored = await hashPassword('hotdesk-demo', FAST);
    await expect(verifyPassword('hotdesk-demo ', stored)).resolves.toBe(false);
    await expect(verifyPassword('Hotdesk-demo', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts every hash differently', async () => {
    const [a, b] = await Promise.all([hashPassword('same', FAST), hashPassword('same', FAST)]);
    expect(a).not.toBe(b);
    expect(a.split('$')[2]).not.toBe(b.split('$')[2]);
  });

  it('matches the same password whatever its Unicode composition', async () => {
    const stored = await hashPassword('caf\u00e9', FAST);
    await expect(verifyPassword('cafe\u0301', stored)).resolves.toBe(true);
  });

  it('verifies hashes made at a cost other than the current default', async () => {
    const stored = await hashPassword('hotdesk-demo', { N: 2 ** 12, r: 8, p: 2 });
    expect(stored).toContain('$N=4096,r=8,p=2$');
    await expect(verifyPassword('hotdesk-demo', stored)).resolves.toBe(true);
  });

  it('throws on a stored value it did not write, rather than reading it as a wrong password', async () => {
    const tampered = (await hashPassword('x', FAST)).replace('N=1024', 'N=1073741824');
    for (const stored of ['', 'plaintext', '$2b$10$abcdefghijklmnopqrstuv', tampered]) {
      await expect(verifyPassword('x', stored)).rejects.toThrow();
    }
  });

  it('refuses unsupported costs', async () => {
    await expect(hashPassword('x', { N: 1000, r: 8, p: 1 })).rejects.toThrow(RangeError);
    await expect(hashPassword('x', { N: 2 ** 21, r: 8, p: 1 })).rejects.toThrow(RangeError);
  });
});

describe('needsRehash', () => {
  it('is false for a hash at the wanted cost and true otherwise', async () => {
    const current = await hashPassword('x', FAST);
    expect(needsRehash(current, FAST)).toBe(false);
    expect(needsRehash(current)).toBe(true);
    expect(needsRehash(current, { ...FAST, p: 2 })).toBe(true);
    expect(needsRehash('not-a-hash')).toBe(true);
    expect(needsRehash(await hashPassword('x'))).toBe(false);
  });
});

describe('verifyPasswordOrDummy', () => {
  it('verifies a stored hash normally', async () => {
    const stored = await hashPassword('hotdesk-demo', FAST);
    await expect(verifyPasswordOrDummy('hotdesk-demo', stored, FAST)).resolves.toBe(true);
    await expect(verifyPasswordOrDummy('nope', stored, FAST)).resolves.toBe(false);
  });

  it('fails for a missing hash whatever the password', async () => {
    for (const password of ['', 'hotdesk-demo']) {
      await expect(verifyPasswordOrDummy(password, null, FAST)).resolves.toBe(false);
      await expect(verifyPasswordOrDummy(password, undefined, FAST)).resolves.toBe(false);
    }
  });

  it('takes about as long for a missing account as for a real one', async () => {
    // Big enough that a KDF run dwarfs timer noise, small enough to repeat; the bounds are loose
    // because the point is "a full KDF ran", which an early return would miss by 1000×.
    const cost = { N: 2 ** 13, r: 8, p: 1 };
    const stored = await hashPassword('hotdesk-demo', cost);
    const timed = async (run: () => Promise<boolean>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    const real: number[] = [];
    const dummy: number[] = [];
    for (let round = 0; round < 8; round++) {
      real.push(await timed(() => verifyPasswordOrDummy('guess', stored, cost)));
      dummy.push(await timed(() => verifyPasswordOrDummy('guess', null, cost)));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] ?? 0;
    const ratio = median(dummy) / median(real);
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });
});
