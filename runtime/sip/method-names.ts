import type { MessageText } from './message-text.js';
import { bytesStartWith } from './byte-scan.js';

/**
 * The methods SIP traces are made of, as shared strings: a method read from
 * a start line or CSeq is one of these objects rather than a fresh copy per
 * message, which saves an allocation and makes comparisons pointer checks.
 */
const METHODS: readonly string[] = [
  'INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'PRACK', 'UPDATE',
  'INFO', 'REFER', 'NOTIFY', 'SUBSCRIBE', 'MESSAGE', 'PUBLISH',
];

/** The common methods by length, so a lookup compares against one or two. */
const BY_LENGTH: readonly (readonly string[])[] = (() => {
  const table: string[][] = [];
  for (const method of METHODS) (table[method.length] ??= []).push(method);
  return table;
})();

/** The method in `buf[start, end)` (a token, so ASCII), as the shared string when it is a common one. */
export function methodFromBytes(buf: Buffer, text: MessageText, start: number, end: number): string {
  const candidates = BY_LENGTH[end - start];
  if (candidates !== undefined) {
    for (const method of candidates) if (bytesStartWith(buf, start, end, method)) return method;
  }
  return text.latin1(start, end);
}
