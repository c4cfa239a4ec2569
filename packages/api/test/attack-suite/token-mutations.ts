import fc from 'fast-check';

import { b64url, type Json } from './token-forge';

const base64urlAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Characters an attacker splices in: the token's own alphabet and a few that are not. */
const spliceChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...base64urlAlphabet) },
  { weight: 1, arbitrary: fc.constantFrom('=', '+', '/', '.', '%', 'é', '\u200b', '\u0000', '"') },
);

/** Where to cut: the edges of a segment are where encodings break, so they are weighted up. */
const position = fc.oneof(
  fc.constant('first' as const),
  fc.constant('last' as const),
  fc.nat({ max: 400 }),
);
type Position = 'first' | 'last' | number;

const claimValue = fc.oneof(
  fc.constantFrom('1', '2', '3', '999999', '-1', '0', 'admin', '', null, true, 0, 1, 2 ** 31),
  fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }),
  fc.uuid().map(String),
  fc.jsonValue({ maxDepth: 2 }),
);

export type TokenMutation =
  | { kind: 'substitute' | 'insert'; segment: number; at: Position; char: string }
  | { kind: 'delete' | 'flip-case'; segment: number; at: Position }
  | { kind: 'truncate'; segment: number; keep: number }
  | { kind: 'claim'; claim: string; value: unknown }
  | { kind: 'header'; field: string; value: unknown }
  | { kind: 'swap'; segment: number }
  | { kind: 'separator'; variant: 'drop' | 'extra' | 'leading' | 'trailing' | 'double' };

const segment = fc.integer({ min: 0, max: 2 });

export const tokenMutation: fc.Arbitrary<TokenMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom('substitute' as const, 'insert' as const),
      segment,
      at: position,
      char: spliceChar,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('delete' as const, 'flip-case' as const),
      segment,
      at: position,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('truncate' as const),
      segment,
      keep: fc.nat({ max: 100 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('claim' as const),
      claim: fc.constantFrom(
        'sub',
        'act.sub',
        'loc',
        'exp',
        'iat',
        'jti',
        'mode',
        'kind',
        'aud',
        'iss',
        'nbf',
        'admin',
      ),
      value: claimValue,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('header' as const),
      field: fc.constantFrom('alg', 'kid', 'typ', 'jku', 'crit'),
      value: fc.oneof(
        fc.constantFrom('none', 'HS256', 'EdDSA', 'ES256', 'JWT', ['exp']),
        claimValue,
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), segment }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('separator' as const),
      variant: fc.constantFrom(
        'drop' as const,
        'extra' as const,
        'leading' as const,
        'trailing' as const,
        'double' as const,
      ),
    }),
  },
);

function indexIn(text: string, at: Position, forInsert = false): number {
  const length = text.length + (forInsert ? 1 : 0);
  if (length === 0) return 0;
  if (at === 'first') return 0;
  if (at === 'last') return length - 1;
  return at % length;
}

function flipCase(char: string): string {
  const lower = char.toLowerCase();
  return lower === char ? char.toUpperCase() : lower;
}

function reencode(segmentText: string, change: (json: Json) => void): string {
  try {
    const json = JSON.parse(Buffer.from(segmentText, 'base64url').toString('utf8')) as Json;
    change(json);
    return b64url(json);
  } catch {
    return segmentText;
  }
}

/** Applies one mutation to a compact JWS; `donor` is another valid token for segment swaps. */
export function mutateJws(token: string, mutation: TokenMutation, donor: string): string {
  const parts = token.split('.');
  const pick = (index: number) => index % parts.length;
  switch (mutation.kind) {
    case 'substitute':
    case 'insert': {
      const i = pick(mutation.segment);
      const text = parts[i] ?? '';
      const at = indexIn(text, mutation.at, mutation.kind === 'insert');
      const skip = mutation.kind === 'insert' ? 0 : 1;
      parts[i] = text.slice(0, at) + mutation.char + text.slice(at + skip);
      return parts.join('.');
    }
    case 'delete':
    case 'flip-case': {
      const i = pick(mutation.segment);
      const text = parts[i] ?? '';
      const at = indexIn(text, mutation.at);
      const replacement = mutation.kind === 'delete' ? '' : flipCase(text.charAt(at));
      parts[i] = text.slice(0, at) + replacement + text.slice(at + 1);
      return parts.join('.');
    }
    case 'truncate': {
      const i = pick(mutation.segment);
      const text = parts[i] ?? '';
      parts[i] = text.slice(0, Math.floor((text.length * mutation.keep) / 100));
      return parts.join('.');
    }
    case 'claim':
      parts[pick(1)] = reencode(parts[pick(1)] ?? '', (payload) => {
        if (mutation.claim === 'act.sub') payload.act = { sub: mutation.value };
        else payload[mutation.claim] = mutation.value;
      });
      return parts.join('.');
    case 'header':
      parts[0] = reencode(parts[0] ?? '', (header) => {
        header[mutation.field] = mutation.value;
      });
      return parts.join('.');
    case 'swap': {
      const i = pick(mutation.segment);
      parts[i] = donor.split('.')[mutation.segment] ?? '';
      return parts.join('.');
    }
    case 'separator':
      switch (mutation.variant) {
        case 'drop':
          return token.replace(/\.(?=[^.]*$)/, '');
        case 'extra':
          return `${token}.`;
        case 'leading':
          return `.${token}`;
        case 'trailing':
          return `${parts.slice(0, 2).join('.')}.`;
        case 'double':
          return token.replace('.', '..');
      }
  }
}

export type OpaqueMutation =
  | { kind: 'substitute' | 'insert'; at: Position; char: string }
  | { kind: 'delete' | 'flip-case'; at: Position }
  | { kind: 'truncate'; keep: number }
  | { kind: 'prefix'; prefix: string };

export const opaqueMutation: fc.Arbitrary<OpaqueMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom('substitute' as const, 'insert' as const),
      at: position,
      char: spliceChar,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('delete' as const, 'flip-case' as const),
      at: position,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat({ max: 100 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('prefix' as const),
      prefix: fc.constantFrom('hdr_', 'HDS_', 'hds-', 'hds_hds_', '', 'Bearer '),
    }),
  },
);

/** Applies one mutation to an opaque `hds_…` / `hdr_…` token. */
export function mutateOpaque(token: string, mutation: OpaqueMutation): string {
  switch (mutation.kind) {
    case 'truncate':
      return token.slice(0, Math.floor((token.length * mutation.keep) / 100));
    case 'prefix':
      return mutation.prefix + token.slice(4);
    case 'substitute':
    case 'insert': {
      const at = indexIn(token, mutation.at, mutation.kind === 'insert');
      const skip = mutation.kind === 'insert' ? 0 : 1;
      return token.slice(0, at) + mutation.char + token.slice(at + skip);
    }
    case 'delete':
    case 'flip-case': {
      const at = indexIn(token, mutation.at);
      const replacement = mutation.kind === 'delete' ? '' : flipCase(token.charAt(at));
      return token.slice(0, at) + replacement + token.slice(at + 1);
    }
  }
}

export { base64urlAlphabet };
