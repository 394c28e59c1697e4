/**
 * Undoes URI %-escaping (RFC 3261 §19.1.2, RFC 3986): `%3B` → `;`. Escaped
 * octets are read as UTF-8. A `%` not followed by two hex digits is kept as
 * written, since `%` is an ordinary character in many SIP productions.
 * `+` is not a space in SIP URIs and is left alone.
 */
export function unescapePercent(text: string): string {
  if (text.indexOf('%') < 0) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && i + 2 < text.length) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    if (c < 0x80) {
      bytes.push(c);
      continue;
    }
    const codePoint = text.codePointAt(i) ?? c;
    for (const b of Buffer.from(String.fromCodePoint(codePoint), 'utf8')) bytes.push(b);
    if (codePoint > 0xffff) i++; // the low surrogate was part of this code point
  }
  return Buffer.from(bytes).toString('utf8');
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}
