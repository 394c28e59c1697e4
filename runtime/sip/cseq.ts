import type { MessageText } from './message-text.js';
import { methodFromBytes } from './method-names.js';
import { parseFailure, parsedValue, type Parsed } from './parsed.js';
import { isLwsByte, tokenEnd } from './byte-scan.js';

/** `CSeq: 4711 INVITE` (RFC 3261 §20.16). */
export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

const CSEQ = /^(\d+)\s+([A-Za-z0-9.!%*_+`'~-]+)$/;
/** RFC 3261 §8.1.1.5: the sequence number MUST be expressible as a 32-bit unsigned integer and less than 2**31. */
const MAX_SEQ = 2 ** 31 - 1;

export function parseCSeq(value: string): Parsed<CSeq> {
  const m = CSEQ.exec(value);
  if (m === null) return parseFailure(`CSeq \`${value}\` is not \`<number> <method>\``);
  const digits = m[1] ?? '';
  const seq = Number(digits);
  if (digits.length > 12 || seq > MAX_SEQ) return parseFailure(`CSeq number ${digits} exceeds 2**31-1`);
  return parsedValue({ seq, method: m[2] ?? '' });
}

/**
 * The CSeq of every message, read from its bytes: `<digits> <method>` with
 * SP/HTAB between and at most 9 digits (below 2**31 without a check), and
 * no string built for a common method. Undefined for any other value, which
 * is for `parseCSeq`: it gives the same for what this reads
 * (test/runtime/sip/fast-paths.test.ts).
 */
export function cseqFromBytes(buf: Buffer, text: MessageText, start: number, end: number): CSeq | undefined {
  let i = start;
  let seq = 0;
  for (; i < end && i - start < 10; i++) {
    const c = buf[i] ?? 0;
    if (c < 0x30 || c > 0x39) break;
    seq = seq * 10 + (c - 0x30);
  }
  const digits = i - start;
  if (digits === 0 || digits > 9) return undefined;
  const digitsEnd = i;
  while (i < end && isLwsByte(buf[i])) i++;
  if (i === digitsEnd || i === end || tokenEnd(buf, i, end) !== end) return undefined;
  return { seq, method: methodFromBytes(buf, text, i, end) };
}
