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
  #current = new Set<string>();
  #previous = new Set<string>();
  #generationStart: number | undefined;

  /** Records the message and says whether it was seen before. `direction` names source and destination. */
  check(direction: string, message: SipMessage, time: number): boolean {
    this.#rotate(time);
    const key = `${direction}\u0000${transactionKey(message)}`;
    if (this.#current.has(key)) return true;
    if (this.#previous.has(key)) {
      this.#current.add(key);
      return true;
    }
    this.#current.add(key);
    return false;
  }

  #rotate(time: number): void {
    if (this.#generationStart === undefined) this.#generationStart = time;
    const age = time - this.#generationStart;
    if (age < RETRANSMISSION_WINDOW_MS) return;
    // After a silence of two windows, even the current generation is too old to keep.
    this.#previous = age < 2 * RETRANSMISSION_WINDOW_MS ? this.#current : new Set();
    this.#current = new Set();
    this.#generationStart = time;
  }
}

function transactionKey(message: SipMessage): string {
  const branch = topViaBranch(message);
  if (branch === undefined) return `bytes ${message.bytes.length} ${fnv1a(message.bytes)}`;
  const cseq = `${message.cseq.seq} ${message.cseq.method}`;
  return message.kind === 'request'
    ? `req ${message.method} ${cseq} ${branch}`
    : `res ${message.status} ${cseq} ${branch} ${message.to.tag ?? ''}`;
}

/** 32-bit FNV-1a: a cheap fingerprint for comparing whole messages. */
function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i] ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
