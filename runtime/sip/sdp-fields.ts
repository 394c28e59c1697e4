/**
 * The whitespace-separated fields of an SDP line's value (`m=audio 4000
 * RTP/AVP 0`), as `value.trim().split(/\s+/)` gives them, without building
 * the trimmed string or the array: SDP is read for a third of a trace's
 * messages, and only two or three fields of a few lines matter.
 */

/** ECMAScript WhiteSpace and LineTerminator: what `trim()` removes and `\s` matches. */
export function isJsWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Field `n` (0-based) of `text[start, end)`; undefined past the last one.
 * An all-whitespace value has one field, '' (as `''.split(/\s+/)` has).
 */
export function sdpField(text: string, start: number, end: number, n: number): string | undefined {
  let i = start;
  let field = 0;
  for (;;) {
    while (i < end && isJsWhitespace(text.charCodeAt(i))) i++;
    if (i >= end) return field === 0 && n === 0 ? '' : undefined;
    const fieldStart = i;
    while (i < end && !isJsWhitespace(text.charCodeAt(i))) i++;
    if (field === n) return text.slice(fieldStart, i);
    field++;
  }
}

/** Where `text[start, end)` trimmed as `trim()` would lies: the result goes to `trimmed`. */
export function trimmedRange(text: string, start: number, end: number): void {
  while (start < end && isJsWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isJsWhitespace(text.charCodeAt(end - 1))) end--;
  trimmed.start = start;
  trimmed.end = end;
}

/** The last `trimmedRange` result (module state: no object per call). */
export const trimmed = { start: 0, end: 0 };

/**
 * Calls `line` with each `x=value` line of an SDP: its type letter's char
 * code, where its value starts and where the line ends (a CR before the LF
 * left out). Walks the text without splitting it; lines too short to have
 * `x=` are skipped, as a lenient reader skips what it does not need.
 */
export function eachSdpLine(sdp: string, line: (kind: number, valueStart: number, end: number) => void): void {
  for (let start = 0; start < sdp.length; ) {
    let end = sdp.indexOf('\n', start);
    if (end < 0) end = sdp.length;
    const lineStart = start;
    start = end + 1;
    if (end > lineStart && sdp.charCodeAt(end - 1) === 0x0d) end--;
    if (end - lineStart < 2 || sdp.charCodeAt(lineStart + 1) !== 0x3d) continue;
    line(sdp.charCodeAt(lineStart), lineStart + 2, end);
  }
}
