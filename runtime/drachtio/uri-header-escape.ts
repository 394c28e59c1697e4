/**
 * Escapes a value for a URI header (`?Replaces=...`), RFC 3261 §19.1.1 and
 * §25.1: `hvalue = *( hnv-unreserved / unreserved / escaped )`. Everything
 * else, `;`, `=`, `@` and `%` included, becomes %XX of its UTF-8 bytes, as
 * RFC 3891 §7.1 and RFC 5589 §7.1 show for Replaces inside Refer-To.
 */
const KEPT = /[A-Za-z0-9\-_.!~*'()[\]/?:+$]/;

export function escapeUriHeaderValue(value: string): string {
  let out = '';
  for (const char of value) {
    if (KEPT.test(char)) {
      out += char;
      continue;
    }
    for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
