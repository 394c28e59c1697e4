import type { SipMessage } from '../sip/message.js';
import { topViaBranch } from '../sip/via.js';

/**
 * How long a message is remembered, in trace time: 64*T1 (32 s, RFC 3261
 * §17) is the longest a transaction retransmits; two generations of that
 * length make sure nothing younger is forgotten.
 */
export const RETRANSMISSION_WINDOW_MS = 32_000;

/**
 * Recognises a message already seen in the same direction:
 * - a request with the same top Via branch, CSeq and method;
 * - a response with the same status, CSeq, top Via branch and To tag (the
 *   To tag keeps forked 2xx responses apart);
 * - without a usable branch (RFC 2543 peers), the same bytes.
 * Memory stays bounded by forgetting messages older than two windows.
 */
export class RetransmissionDetector {
  /** Keys seen per direction, in this generation and the one before. */
  #current = new Map<string, Set<number>>();
  #previous = new Map<string, Set<number>>();
  #generationStart: number | undefined;

  /** Records the message and says whether it was seen before. `direction` names source and destination. */
  check(direction: string, message: SipMessage, time: number): boolean {
    this.#rotate(time);
    const key = transactionKey(message);
    let seen = this.#current.get(direction);
    if (seen === undefined) {
      seen = new Set();
      this.#current.set(direction, seen);
    }
    if (seen.has(key)) return true;
    seen.add(key);
    return this.#previous.get(direction)?.has(key) === true;
  }

  #rotate(time: number): void {
    if (this.#generationStart === undefined) this.#generationStart = time;
    const age = time - this.#generationStart;
    if (age < RETRANSMISSION_WINDOW_MS) return;
    // After a silence of two windows, even the current generation is too old to keep.
    this.#previous = age < 2 * RETRANSMISSION_WINDOW_MS ? this.#current : new Map();
    this.#current = new Map();
    this.#generationStart = time;
  }
}

/**
 * The transaction identity of a message as a 53-bit fingerprint: hashing
 * the parts instead of joining them into a string keeps the per-message
 * cost to a few hundred nanoseconds. Two independent 32-bit FNV-1a hashes
 * make a false match need about 10^7 distinct transactions in one 64 s window.
 */
function transactionKey(message: SipMessage): number {
  const branch = topViaBranch(message);
  const fp = new Fingerprint();
  if (branch === undefined) {
    fp.number(message.bytes.length);
    fp.bytes(message.bytes);
    return fp.value();
  }
  if (message.kind === 'request') {
    fp.text(message.method);
  } else {
    fp.number(message.status);
    fp.text(message.to.tag ?? '');
  }
  fp.number(message.cseq.seq);
  fp.text(message.cseq.method);
  fp.text(branch);
  return fp.value();
}

class Fingerprint {
  #a = 0x811c9dc5;
  #b = 0x050c5d1f;

  text(value: string): void {
    for (let i = 0; i < value.length; i++) this.#mix(value.charCodeAt(i));
    this.#mix(0x1f); // separator, so ('ab','c') and ('a','bc') differ
  }

  number(value: number): void {
    this.#mix(value & 0xffff);
    this.#mix(value >>> 16);
    this.#mix(0x1e);
  }

  bytes(value: Uint8Array): void {
    for (let i = 0; i < value.length; i++) this.#mix(value[i] ?? 0);
  }

  value(): number {
    return (this.#a >>> 0) * 0x200000 + ((this.#b >>> 0) & 0x1fffff);
  }

  #mix(unit: number): void {
    this.#a = Math.imul(this.#a ^ unit, 0x01000193);
    this.#b = Math.imul(this.#b ^ unit, 0x01000193) ^ (this.#b >>> 15);
  }
}
