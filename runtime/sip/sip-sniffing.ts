/** Longest first line accepted when deciding whether bytes are SIP. */
const MAX_START_LINE = 4096;

/**
 * Whether `buf[start, end)` begins like a SIP message: a first line that
 * starts with `SIP/` (a response) or ends with `SIP/<version>` (a request).
 * Deliberately looser than the parser, so that broken SIP is reported as
 * broken SIP rather than skipped as some other protocol.
 * 'unknown' when the first line is not complete yet (streams).
 */
export function sniffSip(buf: Uint8Array, start: number, end: number): 'sip' | 'not-sip' | 'unknown' {
  let p = start;
  while (p < end && (buf[p] === 0x0d || buf[p] === 0x0a)) p++;
  if (p >= end) return 'unknown';
  if (end - p >= 4 && upper(buf[p]) === 0x53 && upper(buf[p + 1]) === 0x49 && upper(buf[p + 2]) === 0x50 && buf[p + 3] === 0x2f) {
    return 'sip';
  }
  const limit = Math.min(end, p + MAX_START_LINE);
  let nl = -1;
  for (let i = p; i < limit; i++) {
    const c = buf[i] ?? 0;
    if (c === 0x0a) {
      nl = i;
      break;
    }
    // Requests start with a token; control bytes and non-ASCII mean another protocol.
    if (c < 0x09 || (c > 0x0d && c < 0x20) || c > 0x7e) return 'not-sip';
  }
  if (nl < 0) return limit === end && end - p < MAX_START_LINE ? 'unknown' : 'not-sip';
  let e = nl;
  while (e > p && (buf[e - 1] === 0x0d || buf[e - 1] === 0x20 || buf[e - 1] === 0x09)) e--;
  // `... SIP/x.y` at the end of the line.
  let slash = e - 1;
  while (slash > p && buf[slash] !== 0x2f && buf[slash] !== 0x20) slash--;
  if (slash - 3 < p || buf[slash] !== 0x2f) return 'not-sip';
  return upper(buf[slash - 3]) === 0x53 && upper(buf[slash - 2]) === 0x49 && upper(buf[slash - 1]) === 0x50 ? 'sip' : 'not-sip';
}

function upper(c: number | undefined): number {
  return c !== undefined && c >= 0x61 && c <= 0x7a ? c - 0x20 : (c ?? 0);
}
