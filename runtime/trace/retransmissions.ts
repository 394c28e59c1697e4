import type { SipMessage } from '../sip/message.js';
import { topViaBranch } from '../sip/via.js';
import { FingerprintSet } from './fingerprint-set.js';

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
 *
 * Each message is reduced to a 64-bit fingerprint of the direction and
 * those parts (two 32-bit multiplicative hashes), kept in open-addressed tables:
 * no string or object per message. A false match needs about 10^8
 * distinct transactions in one 64 s window (it was 10^7 with the 53-bit key this replaced).
 */
export class RetransmissionDetector {
  /** Fingerprints seen in this generation and the one before. */
  #current = new FingerprintSet();
  #previous = new FingerprintSet();
  #generationStart: number | undefined;
  /** A number per direction, mixed into the fingerprint (directions are interned strings). */
  readonly #directions = new Map<string, number>();

  /** Records the message and says whether it was seen before. `direction` names source and destination. */
  check(direction: string, message: SipMessage, time: number): boolean {
    this.#rotate(time);
    let id = this.#directions.get(direction);
    if (id === undefined) {
      id = this.#directions.size + 1;
      this.#directions.set(direction, id);
    }
    fingerprint(id, message);
    const a = hash[0] ?? 0;
    const b = hash[1] ?? 0;
    if (this.#current.add(a, b)) return true;
    return this.#previous.has(a, b);
  }

  #rotate(time: number): void {
    if (this.#generationStart === undefined) this.#generationStart = time;
    const age = time - this.#generationStart;
    if (age < RETRANSMISSION_WINDOW_MS) return;
    // After a silence of two windows, even the current generation is too old to keep.
    const emptied = this.#previous;
    emptied.clear();
    if (age < 2 * RETRANSMISSION_WINDOW_MS) {
      this.#previous = this.#current;
      this.#current = emptied;
    } else {
      this.#current.clear();
    }
    this.#generationStart = time;
  }
}

/**
 * The fingerprint `fingerprint` computed last, as its two halves (module
 * state: no object per message). A typed array rather than two module
 * variables: a module variable holding an int32 above 2**30 is boxed anew
 * on every store, and every unit of a fingerprint stores both halves.
 */
const hash = new Int32Array(2);

/** The transaction identity of a message in `hash`, with the direction's number. */
function fingerprint(direction: number, message: SipMessage): void {
  hash[0] = 0x811c9dc5;
  hash[1] = 0x050c5d1f;
  mixNumber(direction);
  const branch = topViaBranch(message);
  if (branch === undefined) {
    const bytes = message.bytes;
    mixNumber(bytes.length);
    for (let i = 0; i < bytes.length; i++) mix(bytes[i] ?? 0);
    return;
  }
  if (message.kind === 'request') {
    // The method is the CSeq method (the parser refuses a request where they differ), mixed below.
    mixNumber(-1);
  } else {
    mixNumber(message.status);
    mixText(message.to.tag ?? '');
  }
  mixNumber(message.cseq.seq);
  mixText(message.cseq.method);
  mixText(branch);
}

/** Two UTF-16 units per step (exactly: both fit in 32 bits), so that a text costs half the multiplications. */
function mixText(value: string): void {
  const length = value.length;
  let i = 0;
  for (; i + 1 < length; i += 2) mix(value.charCodeAt(i) | (value.charCodeAt(i + 1) << 16));
  if (i < length) mix(value.charCodeAt(i));
  mix(0x1f0000 | length); // the length ends the text, so ('ab','c') and ('a','bc') differ
}

function mixNumber(value: number): void {
  mix(value | 0);
  mix(0x1e0000);
}

/** Two FNV-1a-style hashes with different primes: 64 bits of fingerprint. */
function mix(unit: number): void {
  hash[0] = Math.imul((hash[0] ?? 0) ^ unit, 0x01000193);
  hash[1] = Math.imul((hash[1] ?? 0) ^ unit, 0x5bd1e995);
}
