/** One packet of a capture file, before any protocol is read. */
export interface CapturedPacket {
  readonly kind: 'packet';
  /** 1-based packet number. */
  readonly frame: number;
  /** Milliseconds since the Unix epoch. */
  readonly time: number;
  /** LINKTYPE_* value of the interface the packet was captured on. */
  readonly linkType: number;
  /** The captured bytes are `buf[start, end)`: the file itself, not a view or a copy per packet. */
  readonly buf: Buffer;
  readonly start: number;
  readonly end: number;
  /** Length on the wire; more than `end - start` when the snap length cut it. */
  readonly originalLength: number;
}

/** A capture file problem (truncation, corrupt block); the reader stops or skips as its `reason` says. */
export interface CaptureFileProblem {
  readonly kind: 'problem';
  readonly frame: number;
  readonly time: number;
  readonly reason: string;
}

export type CaptureRecord = CapturedPacket | CaptureFileProblem;
