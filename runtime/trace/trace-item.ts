import type { SipMessage } from '../sip/message.js';

export interface Endpoint {
  readonly ip: string;
  readonly port: number;
}

/** Captures yield only udp and tcp; text logs can name the others. */
export type TraceTransport = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss' | 'sctp';

/**
 * Where an item came from: `trace` is the name given to `readTrace`;
 * `frame` is the packet number in a capture (1-based, as Wireshark counts)
 * and the line number in a text or JSONL log. `time` is in milliseconds:
 * since the Unix epoch when the source says when, else relative (see
 * docs/trace-formats.md).
 */
interface TraceItemBase {
  readonly trace: string;
  readonly frame: number;
  readonly time: number;
}

export interface SipTraceItem extends TraceItemBase {
  readonly kind: 'sip';
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly transport: TraceTransport;
  readonly message: SipMessage;
  /** The same request or response was already seen in this direction (see `RetransmissionDetector`). */
  readonly retransmission: boolean;
}

/** An application event from a JSONL log: `{ type: 'Consult', agent: 'a1' }`. */
export interface TraceEvent {
  readonly type: string;
  readonly [field: string]: unknown;
}

export interface EventTraceItem extends TraceItemBase {
  readonly kind: 'event';
  readonly event: TraceEvent;
}

/**
 * A key pressed on a phone, decoded from RTP telephone-events (RFC 4733)
 * on a media stream that a dialog's SDP negotiated (rtp-dtmf-decoder.ts).
 * Stamped with the packet that ended the key press: that is when a
 * receiver acts on it. Keys sent in SIP INFO stay `sip` items.
 */
export interface DtmfTraceItem extends TraceItemBase {
  readonly kind: 'dtmf';
  readonly src: Endpoint;
  readonly dst: Endpoint;
  /** One key: `0`-`9`, `*`, `#`, `A`-`D`. */
  readonly digits: string;
  /** The dialog whose SDP announced the media endpoint the key was sent to (or, failing that, sent from). */
  readonly callId: string;
  readonly durationMs: number;
  /** False when no end packet arrived (lost, or the trace stops first): the key was reported when its stream moved on. */
  readonly ended: boolean;
}

/**
 * Something in the trace that could not be read. `error`: data was lost
 * (truncated file, SIP that does not parse, missing TCP bytes); `warning`:
 * data was skipped that may not matter (non-SIP payload on a SIP port).
 */
export interface ProblemTraceItem extends TraceItemBase {
  readonly kind: 'problem';
  readonly severity: 'error' | 'warning';
  readonly reason: string;
}

export type TraceItem = SipTraceItem | EventTraceItem | DtmfTraceItem | ProblemTraceItem;

export type TraceFormat = 'pcap' | 'pcapng' | 'text' | 'jsonl' | 'unknown' | 'merged';

export interface TraceRead {
  readonly name: string;
  readonly format: TraceFormat;
  readonly items: readonly TraceItem[];
}
