/**
 * Trims SIP linear white space (SP and HTAB) only. `String.prototype.trim`
 * would also strip U+00A0, which in a latin1-decoded header is the second
 * byte of many UTF-8 characters.
 */
export function trimLws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isLws(text.charCodeAt(start))) start++;
  while (end > start && isLws(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

export function isLws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
