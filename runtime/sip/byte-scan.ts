/**
 * Reading a message's bytes where the parser checks them: token characters
 * (RFC 3261 §25.1: alphanumerics and `-.!%*_+`'~`, by table lookup), LWS,
 * and ASCII comparisons, without decoding anything to a string.
 */
const TOKEN_BYTES = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~") TOKEN_BYTES[c.charCodeAt(0)] = 1;

/** Whether a byte (or a character code below 256) is a token character. */
export function isTokenChar(code: number): boolean {
  return TOKEN_BYTES[code] === 1;
}

/** Index of the first byte at or after `from` (before `end`) that is not a token character. */
export function tokenEnd(buf: Uint8Array, from: number, end: number): number {
  let i = from;
  while (i < end && TOKEN_BYTES[buf[i] ?? 0] === 1) i++;
  return i;
}

export function isLwsByte(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09;
}

/** Index of the first byte at or after `from` (before `end`) that is not SP or HTAB. */
export function skipLwsBytes(buf: Uint8Array, from: number, end: number): number {
  let i = from;
  while (i < end && isLwsByte(buf[i])) i++;
  return i;
}

/** Whether `buf[start, end)` is `lower` with ASCII letters in any case (`lower` is lowercase ASCII). */
export function bytesEqualLowercase(buf: Uint8Array, start: number, end: number, lower: string): boolean {
  if (end - start !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    const c = buf[start + i] ?? 0;
    if ((c >= 0x41 && c <= 0x5a ? c | 0x20 : c) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether `buf[at...]` starts with the ASCII text `text` exactly. */
export function bytesStartWith(buf: Uint8Array, at: number, end: number, text: string): boolean {
  if (end - at < text.length) return false;
  for (let i = 0; i < text.length; i++) if (buf[at + i] !== text.charCodeAt(i)) return false;
  return true;
}
