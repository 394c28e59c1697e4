interface Piece {
  readonly offset: number;
  readonly data: Buffer;
}

interface PendingDatagram {
  readonly pieces: Piece[];
  /** Payload length, known once the last fragment (no "more" flag) arrives. */
  total: number | undefined;
  readonly firstFrame: number;
  readonly firstTime: number;
}

/** A datagram whose fragments never all arrived. */
export interface IncompleteDatagram {
  readonly key: string;
  readonly firstFrame: number;
  readonly firstTime: number;
  readonly receivedBytes: number;
}

/** How long fragments wait for the rest, in trace time (Linux's ipfrag_time default). */
export const FRAGMENT_TIMEOUT_MS = 30_000;

/**
 * Reassembles fragmented IPv4 and IPv6 datagrams. Overlaps resolve to the
 * first copy received. Only datagrams that were fragmented pay for a copy.
 */
export class IpReassembly {
  readonly #pending = new Map<string, PendingDatagram>();
  /** Datagrams already reassembled, by the time they completed: late duplicates of their fragments are dropped. */
  readonly #completed = new Map<string, number>();

  /** Adds a fragment; returns the whole payload once every byte of it has arrived. */
  add(key: string, offset: number, more: boolean, data: Buffer, frame: number, time: number): Buffer | undefined {
    const completedAt = this.#completed.get(key);
    if (completedAt !== undefined && time - completedAt < FRAGMENT_TIMEOUT_MS) return undefined;
    let datagram = this.#pending.get(key);
    if (datagram === undefined) {
      datagram = { pieces: [], total: undefined, firstFrame: frame, firstTime: time };
      this.#pending.set(key, datagram);
    }
    datagram.pieces.push({ offset, data });
    if (!more) datagram.total = offset + data.length;
    const whole = assemble(datagram);
    if (whole !== undefined) {
      this.#pending.delete(key);
      this.#completed.set(key, time);
    }
    return whole;
  }

  /** Drops and returns the datagrams that waited longer than the timeout (all of them at the end of a trace). */
  expire(now: number, all = false): IncompleteDatagram[] {
    for (const [key, at] of this.#completed) if (all || now - at >= FRAGMENT_TIMEOUT_MS) this.#completed.delete(key);
    const expired: IncompleteDatagram[] = [];
    for (const [key, d] of this.#pending) {
      if (!all && now - d.firstTime < FRAGMENT_TIMEOUT_MS) continue;
      this.#pending.delete(key);
      const receivedBytes = d.pieces.reduce((n, p) => n + p.data.length, 0);
      expired.push({ key, firstFrame: d.firstFrame, firstTime: d.firstTime, receivedBytes });
    }
    return expired;
  }

  /** Datagrams waiting for fragments, or remembered as complete. */
  get size(): number {
    return this.#pending.size + this.#completed.size;
  }
}

function assemble(d: PendingDatagram): Buffer | undefined {
  if (d.total === undefined) return undefined;
  const sorted = [...d.pieces].sort((a, b) => a.offset - b.offset);
  let covered = 0;
  for (const piece of sorted) {
    if (piece.offset > covered) return undefined;
    covered = Math.max(covered, piece.offset + piece.data.length);
  }
  if (covered < d.total) return undefined;
  const whole = Buffer.alloc(d.total);
  // Copy in arrival order, last first, so the first copy of an overlapping range wins.
  for (let i = d.pieces.length - 1; i >= 0; i--) {
    const piece = d.pieces[i];
    if (piece !== undefined) piece.data.copy(whole, piece.offset, 0, Math.max(0, Math.min(piece.data.length, d.total - piece.offset)));
  }
  return whole;
}
