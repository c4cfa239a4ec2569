import { badRequest, type HotdeskError } from '../errors';

const NUL = '\u0000';
const MAX_DEPTH = 64;

/**
 * Inputs that are verified, never stored: the one-time impersonation token is checked by its
 * signature and only its verified claims go further, and the contract answers 401 to any token
 * that does not verify, whatever it holds. A top-level field of this name is left to that check.
 */
const verifiedNotStored: ReadonlySet<string> = new Set(['token']);

/**
 * The path (`policy.name`, `AccessCardId`) of the first string or key in `value` that holds
 * U+0000, or null. PostgreSQL cannot store that character in text or JSON, so it must never
 * reach a query.
 */
export function findNulCharacter(value: unknown, path: readonly string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes(NUL) ? [...path] : null;
  if (value === null || typeof value !== 'object' || path.length > MAX_DEPTH) return null;
  for (const [key, item] of Object.entries(value)) {
    if (path.length === 0 && verifiedNotStored.has(key)) continue;
    if (key.includes(NUL)) return [...path, key];
    const found = findNulCharacter(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * Every input passes here before its schema (the tRPC procedures, the REST parameters and
 * bodies, the token endpoint's form), so no string field of any schema can carry U+0000 into
 * the database: a 400 naming the field instead of the database's 500.
 */
export function refuseNulCharacters(value: unknown, field = 'input'): void {
  const refusal = nulCharacterRefusal(value, field);
  if (refusal) throw refusal;
}

/** The 400 `refuseNulCharacters` throws, for a caller that shapes it further. */
export function nulCharacterRefusal(value: unknown, field = 'input'): HotdeskError | null {
  const path = findNulCharacter(value);
  if (!path) return null;
  const name = path.map((part) => part.replaceAll(NUL, '\\0')).join('.') || field;
  return badRequest(name, `${name}: must not contain the NUL character (U+0000).`);
}
