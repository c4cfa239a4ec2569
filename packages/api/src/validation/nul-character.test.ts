import { describe, expect, it } from 'vitest';

import { HotdeskError } from '../errors';
import { findNulCharacter, refuseNulCharacters } from './nul-character';

describe('findNulCharacter', () => {
  it.each([
    ['a top-level string', 'a\u0000b', []],
    ['a field', { reason: 'ok', AccessCardId: 'ab\u0000' }, ['AccessCardId']],
    ['a nested field', { policy: { name: '\u0000' } }, ['policy', 'name']],
    ['an array item', { tags: ['a', 'b\u0000'] }, ['tags', '1']],
    ['a key', { 'ok\u0000': 1 }, ['ok\u0000']],
    ['only the character', { username: '\u0000' }, ['username']],
  ])('finds U+0000 in %s', (_, value, path) => {
    expect(findNulCharacter(value)).toEqual(path);
  });

  it.each([
    ['plain text', { reason: 'Ticket 42', note: 'é — ☃ 😀' }],
    ['the escape written out', { reason: '\\u0000 and %00' }],
    ['other control characters', { reason: '\u0001\t\n\u007f' }],
    ['numbers, booleans, null, dates', { id: 1, ok: true, none: null, at: new Date(0) }],
    ['nothing', undefined],
    // Verified by its signature, never stored: any token that does not verify answers 401.
    ['the one-time token', { token: 'a.b\u0000.c', validForInMinutes: '5' }],
  ])('finds nothing in %s', (_, value) => {
    expect(findNulCharacter(value)).toBeNull();
  });
});

describe('refuseNulCharacters', () => {
  it('throws a 400 naming the field', () => {
    const refusal = (() => {
      try {
        refuseNulCharacters({ permissions: { accessCardId: 'x\u0000' } });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(HotdeskError);
    expect(refusal).toMatchObject({
      code: 'BAD_REQUEST',
      details: { field: 'permissions.accessCardId' },
      message: 'permissions.accessCardId: must not contain the NUL character (U+0000).',
    });
  });

  it('names the input itself when it is a bare string', () => {
    expect(() => refuseNulCharacters('\u0000', 'body')).toThrow(/^body: must not contain/);
  });
});
