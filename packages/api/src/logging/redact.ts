const secretKey =
  /pass(word)?|token|secret|authori[sz]ation|cookie|totp|refresh|jwt|jwks|api[-_]?key|credential/i;

// Values that are secrets whatever they are called: our opaque tokens, JWTs, bearer headers.
const secretValue =
  /\bhd[sr]_[A-Za-z0-9_-]{20,}|\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*|\bBearer\s+\S+/g;

export const REDACTED = '[redacted]';

/** A copy of `value` fit for a log line: secret-named fields and secret-looking strings masked. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(secretValue, REDACTED);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[…]';
  if (value instanceof Error)
    return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      secretKey.test(key) ? REDACTED : redact(item, depth + 1),
    ]),
  );
}
