interface HeldSegment {
  readonly seq: number;
  readonly data: Buffer;
  /** Bytes the segment had on the wire: more than `data` when the capture's snap length cut it. */
  readonly wireLength: number;
}

/** What the sequencer hands on: bytes in stream order, or notice that some are missing. */
export interface TcpDelivery {
  data(bytes: Buffer): void;
  /** `missing` bytes will never come (lost before the capture); the stream resumes after them. */
  gap(missing: number): void;
}

/** Out-of-order bytes held before giving up on the missing ones. */
export const MAX_HELD_BYTES = 1 << 20;

/**
 * Puts one direction of a TCP connection back in sequence order (RFC 9293
 * §3.4): duplicates (retransmissions) are dropped, overlaps trimmed, early
 * segments held until the bytes before them arrive. Sequence numbers wrap,
 * so all comparisons are modulo 2^32.
 */
export class TcpSequencer {
  /** The next sequence number expected; undefined until the first segment. */
  #next: number | undefined;
  #held: HeldSegment[] = [];
  #heldBytes = 0;

  /**
   * Accepts one segment. A SYN sets the sequence (its own number counts one
   * byte); returns true when a SYN restarts the sequence, i.e. a new
   * connection reuses the same addresses and ports.
   */
  push(seq: number, syn: boolean, payload: Buffer, wireLength: number, out: TcpDelivery): boolean {
    let restarted = false;
    let start = seq;
    if (syn) {
      start = (seq + 1) >>> 0;
      if (this.#next !== start) {
        restarted = this.#next !== undefined;
        this.#next = start;
        this.#held = [];
        this.#heldBytes = 0;
      }
    } else if (this.#next === undefined) {
      // A capture that starts mid-connection begins at the first byte it saw.
      this.#next = seq;
    }
    if (wireLength > 0) this.#accept({ seq: start, data: payload, wireLength }, out);
    return restarted;
  }

  /** The next sequence number expected, once known. */
  get next(): number | undefined {
    return this.#next;
  }

  /** Gives up on missing bytes: delivers whatever is held, announcing each gap. */
  flush(out: TcpDelivery): void {
    while (this.#held.length > 0) this.#skipToEarliest(out);
  }

  #accept(segment: HeldSegment, out: TcpDelivery): void {
    const ahead = (segment.seq - (this.#next ?? segment.seq)) | 0;
    if (ahead > 0) {
      this.#held.push(segment);
      this.#heldBytes += segment.data.length;
      if (this.#heldBytes > MAX_HELD_BYTES) this.#skipToEarliest(out);
      return;
    }
    this.#deliver(segment, ahead, out);
    this.#drainHeld(out);
  }

  /** Delivers the part of `segment` past the expected byte (`ahead` <= 0 bytes of it were seen already). */
  #deliver(segment: HeldSegment, ahead: number, out: TcpDelivery): void {
    if (segment.wireLength + ahead <= 0) return; // wholly a retransmission
    const fresh = ahead < 0 ? segment.data.subarray(Math.min(-ahead, segment.data.length)) : segment.data;
    if (fresh.length > 0) {
      this.#next = ((this.#next ?? 0) + fresh.length) >>> 0;
      out.data(fresh);
    }
    const cut = segment.wireLength + ahead - fresh.length;
    if (cut > 0) {
      this.#next = ((this.#next ?? 0) + cut) >>> 0;
      out.gap(cut);
    }
  }

  #drainHeld(out: TcpDelivery): void {
    let progressed = true;
    while (progressed && this.#held.length > 0) {
      progressed = false;
      for (let i = 0; i < this.#held.length; i++) {
        const segment = this.#held[i];
        if (segment === undefined) continue;
        const ahead = (segment.seq - (this.#next ?? 0)) | 0;
        if (ahead > 0) continue;
        this.#held.splice(i, 1);
        this.#heldBytes -= segment.data.length;
        this.#deliver(segment, ahead, out);
        progressed = true;
        break;
      }
    }
  }

  #skipToEarliest(out: TcpDelivery): void {
    const next = this.#next ?? 0;
    let earliest: HeldSegment | undefined;
    for (const segment of this.#held) {
      if (earliest === undefined || ((segment.seq - earliest.seq) | 0) < 0) earliest = segment;
    }
    if (earliest === undefined) return;
    const missing = (earliest.seq - next) | 0;
    if (missing > 0) {
      out.gap(missing);
      this.#next = earliest.seq;
    }
    this.#drainHeld(out);
  }
}
