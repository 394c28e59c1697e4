import { parseFailure, parsedValue, type Parsed } from './parsed.js';

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
