import fc from 'fast-check';

/** A string that is obviously a secret, long enough that finding it in a response is no accident. */
export const canarySecret = fc
  .string({ unit: 'grapheme-ascii', minLength: 6, maxLength: 24 })
  .map((tail) => `hdsecret-${tail}`);

/**
 * Short text with U+0000 inside, short enough to pass every length limit (an access card id
 * takes 15 characters): PostgreSQL cannot store the character, so it must be refused at the door.
 */
export const textWithNul: fc.Arbitrary<string> = fc
  .tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }))
  .map(([before, after]) => `${before}\u0000${after}`);

/** Ids as an attacker writes them: out of range, negative, unicode digits, traversal, encodings. */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '0',
      '-1',
      '-0',
      '1.5',
      '1e3',
      '0x1F',
      '+1',
      ' 1',
      '1 ',
      '01',
      '1_000',
      '2147483647',
      '2147483648',
      '4294967296',
      '9007199254740993',
      '9'.repeat(400),
      'NaN',
      'Infinity',
      '１２',
      '١٢٣',
      '²',
      '../',
      '..%2F',
      '%2e%2e%2f',
      '%2e%2e/%2e%2e/etc/passwd',
      '..\\..\\',
      '%00',
      '%',
      '%%',
      '%E0%A4%A',
      '%ZZ',
      '%C0%AF',
      '%252e%252e',
      '%u002e',
      '%F0%9F%98',
      "1' OR '1'='1",
      '1;DROP TABLE "User"--',
      '${7*7}',
      '{{7*7}}',
      '<script>alert(1)</script>',
      '__proto__',
      'constructor',
      'prototype',
      'null',
      'undefined',
      'true',
      '[]',
      '{}',
      '*',
      '?',
      '#',
      ';',
      '&coworkerId=1',
      '\u202e1',
      'profiles',
      'my',
      '😀',
      'a'.repeat(5000),
    ),
  },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.webSegment() },
);

export const hostileMethod = fc.constantFrom(
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'HEAD',
  'get',
  'put',
  'Delete',
  'PROPFIND',
  'M-SEARCH',
  'FOO',
);

/** Query values: the ids above, huge strings, canary secrets, anything. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileId },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'x'.repeat(100_000),
      'read-only',
      'full',
      'FULL',
      'true',
      'false',
      '',
    ),
  },
  { weight: 1, arbitrary: canarySecret },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: textWithNul },
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'coworkerId',
    'token',
    'validForInMinutes',
    'reason',
    'mode',
    'isTeamAdmin',
    '_page',
    '_pageSize',
    '__proto__',
    'constructor',
    'prototype',
    '__proto__[polluted]',
    'constructor[prototype][polluted]',
    'coworkerId[]',
    'toString',
    'hasOwnProperty',
    'Token',
    'COWORKERID',
    '',
  ),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** A query string, sometimes well encoded and sometimes raw (malformed escapes included). */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 6 }).map((pairs) => {
    const params = new URLSearchParams();
    for (const [key, value] of pairs) params.append(key, value);
    return params.toString();
  }),
  fc
    .array(fc.tuple(hostileKey, hostileId), { maxLength: 4 })
    .map((pairs) => pairs.map(([key, value]) => `${key}=${value}`).join('&')),
);

const jsonLike: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  textWithNul,
  fc.constantFrom(null, true, 1, -1, 1.5, 2 ** 53, '', 'true', [], {}, 'x'.repeat(20_000)),
);

/** JSON bodies of the wrong shape, with prototype-pollution keys, deep nesting, huge strings. */
export const hostileJsonBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
  {
    weight: 3,
    arbitrary: fc
      .record(
        {
          IsTeamAdministrator: jsonLike,
          CanMakeBookings: jsonLike,
          CanBookForTeam: jsonLike,
          CanPurchaseProducts: jsonLike,
          CanPurchaseEvents: jsonLike,
          CanAccessCommunity: jsonLike,
          AccessCardId: jsonLike,
        },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify(value)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '{"__proto__":{"polluted":"yes","isAdmin":true},"IsTeamAdministrator":true}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"__proto__":null}',
      '[{"__proto__":{"polluted":"yes"}}]',
      '{"IsTeamAdministrator":true,"IsTeamAdministrator":false}',
      '{"IsTeamAdministrator":"true","CanMakeBookings":1,"CanBookForTeam":"yes","CanPurchaseProducts":null,"CanPurchaseEvents":[],"CanAccessCommunity":{}}',
      '{"IsTeamAdministrator":true,"CanMakeBookings":true,"CanBookForTeam":true,"CanPurchaseProducts":true,"CanPurchaseEvents":true,"CanAccessCommunity":true,"AccessCardId":"0123456789abcdefXYZ"}',
      `{"AccessCardId":"${'\\u0000'.repeat(20)}"}`,
      '{',
      '}',
      '[',
      'nul',
      '"unterminated',
      '\u0000',
      '\ufeff{}',
      '1e309',
      '-',
      '{"a":1}garbage',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 10, max: 3_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 10, max: 3_000 })
      .map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

/** Content-Type headers that lie about the body, or are merely odd. */
export const hostileContentType = fc.constantFrom(
  'application/json',
  'application/x-www-form-urlencoded',
  'APPLICATION/X-WWW-FORM-URLENCODED; charset=ISO-8859-1',
  'application/x-www-form-urlencoded; charset=utf-16',
  'text/plain',
  'multipart/form-data; boundary=----x',
  'application/json; charset=utf-16',
  'application/json, application/x-www-form-urlencoded',
  'application/xml',
  '*/*',
  '',
);
