import type { Endpoint, TraceFormat, TraceItem } from './trace-item.js';

/**
 * What the read-ahead worker sends the main thread (read-ahead.ts): items
 * in batches, laid out so the main thread does as little per message as
 * can be. A SIP message travels as where its bytes are plus the numbers
 * the parser found in them (one Int32Array row per message): the main
 * thread rebuilds the lazily parsed message from them without reading the
 * bytes again. Its bytes are mostly in the capture itself, which both
 * threads share: the whole of it, or (a capture read from disk) the
 * windows read so far (`windows`); nothing is copied. A message that is not
 * (reassembled from TCP segments or IP fragments) is copied into the
 * batch's own buffer. Strings the parser took out of the bytes (Call-ID,
 * branch, Request-URI, …) travel as where they are in the message's
 * text, which the main thread slices; the few that are not there (a
 * non-ASCII message's UTF-8 values) and the methods are interned: sent
 * once, in the batch that first needs them, then named by number. Other
 * items (problems, DTMF keys) are rare and are cloned whole.
 */
export interface ItemBatch {
  readonly type: 'batch';
  /** On the first batch: the trace's format, as `openTrace` detects it. */
  readonly format: TraceFormat | undefined;
  /**
   * The capture's shared memory from this batch on, numbered after that
   * already sent: the (decompressed) capture whole, or the windows of one
   * read from disk.
   */
  readonly windows: readonly SharedArrayBuffer[];
  /** The lowest number of the windows this batch's messages are in: the main thread forgets those before it. */
  readonly firstWindow: number;
  /** Forget the interned strings before reading this batch (the worker's table grew past its bound). */
  readonly resetStrings: boolean;
  /** Strings interned from this batch on, numbered after those already sent. */
  readonly strings: readonly string[];
  /** Endpoints interned from this batch on, numbered after those already sent. */
  readonly endpoints: readonly Endpoint[];
  /** The text of the messages that are not in a window, back to back; `bytesUsed` of it is used. */
  readonly bytes: ArrayBuffer;
  readonly bytesUsed: number;
  /** `SIP_FIELDS` numbers per SIP message (see `SipField`). */
  readonly sip: Int32Array;
  /** Per SIP message: its time (ms). */
  readonly times: Float64Array;
  readonly sipCount: number;
  /** Items that are not SIP messages, each with the number of SIP messages of this batch that come before it. */
  readonly others: readonly TraceItem[];
  readonly otherPositions: readonly number[];
  /** The trace ends with this batch. */
  readonly last: boolean;
}

/** The reader failed (an exception inside `openTrace`, a flowc bug): the items before it were sent. */
export interface ReadFailure {
  readonly type: 'failure';
  readonly reason: string;
}

export type ReadAheadMessage = ItemBatch | ReadFailure;

/**
 * One SIP message's row in `ItemBatch.sip`. `TextAt` is where the
 * parser's text of the message starts in window `Window` or in `bytes`
 * (`Flags` says which); the other positions are offsets from it. A string is two
 * numbers, `at` and `length` (`StringRef`).
 */
export const SipField = {
  Frame: 0,
  Src: 1,
  Dst: 2,
  /** `Flag` bits, and the transport's number in `TRANSPORTS` above `TRANSPORT_SHIFT`. */
  Flags: 3,
  /** The parser's text: from the start line, and it may run past the body (octets after a datagram's Content-Length). */
  TextAt: 4,
  TextLength: 5,
  HeadersFrom: 6,
  HeadersEnd: 7,
  BodyStart: 8,
  End: 9,
  /** As the parser notes it: -1 none, -2 not noted, else an offset. */
  TypeAt: 10,
  TypeEnd: 11,
  FromAt: 12,
  FromEnd: 13,
  FromText: 14,
  ToAt: 16,
  ToEnd: 17,
  ToText: 18,
  CallId: 20,
  CSeqNumber: 22,
  /** Interned string numbers. */
  CSeqMethod: 23,
  Method: 24,
  Status: 25,
  Branch: 26,
  /** A request's URI, a response's reason phrase. */
  UriOrReason: 28,
  /** Where the parser found the From and To tags (-1 none, -2 not noted, else an offset), so the main thread reads a tag without scanning. */
  FromTagAt: 30,
  FromTagEnd: 31,
  ToTagAt: 32,
  ToTagEnd: 33,
  Window: 34,
} as const;

/**
 * How a string field is written: `at` (the field) and `length` (the
 * next). `at` >= 0: the message text's `[at, at + length)`; `Undefined`:
 * no string; `Interned`: the interned string numbered `length`.
 */
export const StringRef = { Undefined: -1, Interned: -2 } as const;

export const SIP_FIELDS = 35;

/**
 * A position field moved by `by` (into or out of offsets from `TextAt`),
 * unless `marker` (its `*At` field) is negative: then `value` is a marker
 * or what goes with one (-1 none, -2 not noted), and is kept as it is.
 */
export function shifted(marker: number, value: number, by: number): number {
  return marker < 0 ? value : value + by;
}

/** `InWindow`: the message's text is in a window of the capture, not in the batch's `bytes`. */
export const Flag = { Response: 1, Retransmission: 2, InWindow: 4 } as const;
export const TRANSPORT_SHIFT = 3;

/** The transports, numbered by position (captures give only udp and tcp; text logs name the others). */
export const TRANSPORTS = ['udp', 'tcp', 'tls', 'ws', 'wss', 'sctp'] as const;

/**
 * The Int32Array both threads share to pace the worker: how many batches
 * were posted and how many were taken, and whether either side is done.
 */
export const Control = {
  Posted: 0,
  Taken: 1,
  /** 1 once the main thread no longer wants items: the worker stops. */
  Cancelled: 2,
  /** 1 once the worker posted its last batch (or failure): its exit is then expected. */
  Finished: 3,
  /** 1 once the supervisor thread runs: until then nothing would tell the main thread that it failed to load. */
  SupervisorUp: 4,
  /** KiB of the file read so far, for a progress line (an Int32 of KiB holds 2 TiB). */
  ReadKiB: 5,
} as const;

export const CONTROL_SLOTS = 6;

/** How many batches the worker may be ahead of the main thread: enough to ride out a slow batch, little memory. */
export const BATCHES_AHEAD = 4;
