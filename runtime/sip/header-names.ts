/**
 * Compact header forms (RFC 3261 §7.3.3 and the extensions that define one),
 * expanded so every lookup works on one canonical lowercase name.
 */
const COMPACT_FORMS: ReadonlyMap<string, string> = new Map([
  ['i', 'call-id'],
  ['f', 'from'],
  ['t', 'to'],
  ['v', 'via'],
  ['m', 'contact'],
  ['l', 'content-length'],
  ['c', 'content-type'],
  ['e', 'content-encoding'],
  ['k', 'supported'],
  ['s', 'subject'],
  ['o', 'event'],
  ['r', 'refer-to'],
  ['b', 'referred-by'],
  ['x', 'session-expires'],
  ['u', 'allow-events'],
  ['a', 'accept-contact'],
  ['j', 'reject-contact'],
  ['d', 'request-disposition'],
  ['y', 'identity'],
  ['n', 'identity-info'],
]);

const COMPACT_OF: ReadonlyMap<string, string> = new Map([...COMPACT_FORMS].map(([compact, key]) => [key, compact]));

/**
 * The compact form of a lookup key (`call-id` → `i`); '' when it has none.
 * A one-letter key that is no compact form is its own (`headerKey('z')` is `z`).
 */
export function compactFormOf(key: string): string {
  return COMPACT_OF.get(key) ?? (key.length === 1 ? key : '');
}

/**
 * Keys of the names already seen, as written: a trace repeats the same
 * twenty spellings millions of times, and lowercasing each would allocate.
 * Bounded so a flood of made-up names cannot grow it without end.
 */
const KNOWN = new Map<string, string>();
const MAX_KNOWN = 4096;

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;

/** The lookup key of a header name: lowercase, compact form expanded. */
export function headerKey(name: string): string {
  const known = KNOWN.get(name);
  if (known !== undefined) return known;
  const lower = name.toLowerCase();
  return lower.length === 1 ? (COMPACT_FORMS.get(lower) ?? lower) : lower;
}

/**
 * The key of a header name read from a message, or undefined when the name
 * is not a token (RFC 3261 §25.1 field-name). Valid names are remembered.
 */
export function fieldKey(name: string): string | undefined {
  const known = KNOWN.get(name);
  if (known !== undefined) return known;
  if (!TOKEN.test(name)) return undefined;
  const key = headerKey(name);
  if (KNOWN.size < MAX_KNOWN) KNOWN.set(name, key);
  return key;
}
