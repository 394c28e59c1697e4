/**
 * Keys pressed on a phone, from the RTP telephone-events (RFC 4733, which
 * obsoletes RFC 2833) of a capture. A key press is one event: several
 * packets with the same RTP timestamp and a growing duration, the last
 * ones with the E bit, the final packet sent three times. Each press
 * becomes one `dtmf` trace item however many packets carry it.
 *
 * Only streams a dialog's SDP announced are read, with the payload types
 * that SDP maps to telephone-event: without them an RTP packet cannot be
 * told from audio, nor tied to a call.
 */
import type { SipMessage } from '../sip/message.js';
import { readRtpHeader } from './rtp-header.js';
import { RtpMediaSessions, type MediaOwner } from './rtp-media-sessions.js';
import { readTelephoneEvent } from './rtp-telephone-event.js';
import type { Endpoint, TraceItem } from './trace-item.js';

/** Where a datagram was read from, as the packet decoder has it. */
export interface DatagramSource {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly frame: number;
  readonly time: number;
}

/** One event of a stream: a key press, or a non-key event (flash, tones) that is followed but not reported. */
interface Press {
  readonly source: DatagramSource;
  readonly callId: string;
  readonly timestamp: number;
  readonly key: string | undefined;
  readonly rate: number;
  duration: number;
  closed: boolean;
  lastFrame: number;
  lastTime: number;
}

/** One SSRC from one sender. */
interface Stream {
  current: Press | undefined;
  /** Timestamps of the last presses closed: their late packets are not new presses. */
  readonly closed: number[];
}

const CLOSED_KEPT = 8;

export class RtpDtmfDecoder {
  readonly #trace: string;
  readonly #out: TraceItem[];
  readonly #sessions = new RtpMediaSessions();
  /** Per sending endpoint, per SSRC. Endpoints are interned by the packet decoder, so they key maps. */
  readonly #streams = new Map<Endpoint, Map<number, Stream>>();

  constructor(trace: string, out: TraceItem[]) {
    this.#trace = trace;
    this.#out = out;
  }

  /** Some SDP announced media: only then can a non-SIP datagram be read as RTP. */
  get hasMedia(): boolean {
    return !this.#sessions.empty;
  }

  /** Every SIP message read, so the SDP it carries is known before its media flows. */
  noteSip(message: SipMessage): void {
    this.#sessions.learn(message);
  }

  /**
   * A UDP payload that is not SIP. True when it is RTP of a stream some SDP
   * announced (audio or telephone-event): media, not a stray packet.
   */
  datagram(source: DatagramSource, buf: Buffer, start: number, end: number): boolean {
    const { src, dst } = source;
    const receiver = this.#sessions.ownerOf(dst.ip, dst.port);
    const sender = this.#sessions.ownerOf(src.ip, src.port);
    const owner = receiver ?? sender;
    if (owner === undefined) return false;
    const header = readRtpHeader(buf, start, end);
    if (header === undefined) return false;
    // The receiver's SDP numbers what it receives (RFC 3264 §5.1); an answer
    // that left telephone-event out still gets keys from a phone whose offer
    // mapped it, and Wireshark reads them with the offer's mapping too.
    const rate = receiver?.telephoneEvents.get(header.payloadType) ?? sender?.telephoneEvents.get(header.payloadType);
    if (rate === undefined) return true;
    const event = readTelephoneEvent(buf, header.payloadStart, header.payloadEnd);
    if (event === undefined) {
      this.#problem(source, `RTP telephone-event payload of ${header.payloadEnd - header.payloadStart} bytes (4 needed) skipped`);
      return true;
    }
    const stream = this.#stream(src, header.ssrc);
    // A packet that starts like a press (marker bit, no E bit) is a new press
    // even on a timestamp seen before: a replayed recording repeats them.
    const startsPress = header.marker && !event.end;
    let press = stream.current;
    if (press === undefined || press.timestamp !== header.timestamp || (press.closed && startsPress)) {
      if (!startsPress && stream.closed.includes(header.timestamp)) return true; // a late packet of an earlier press
      if (press !== undefined) this.#close(stream, press, source.frame, source.time, false);
      press = newPress(source, owner, header.timestamp, event.key, rate);
      stream.current = press;
    }
    if (press.closed) return true; // the redundant copies of the final packet
    press.duration = Math.max(press.duration, event.duration);
    press.lastFrame = source.frame;
    press.lastTime = source.time;
    if (event.end) this.#close(stream, press, source.frame, source.time, true);
    return true;
  }

  /** End of the trace: presses whose end never came are reported as they stand. */
  finish(): void {
    for (const bySsrc of this.#streams.values()) {
      for (const stream of bySsrc.values()) {
        const press = stream.current;
        if (press !== undefined) this.#close(stream, press, press.lastFrame, press.lastTime, false);
      }
    }
    this.#streams.clear();
  }

  #stream(src: Endpoint, ssrc: number): Stream {
    let bySsrc = this.#streams.get(src);
    if (bySsrc === undefined) {
      bySsrc = new Map();
      this.#streams.set(src, bySsrc);
    }
    let stream = bySsrc.get(ssrc);
    if (stream === undefined) {
      stream = { current: undefined, closed: [] };
      bySsrc.set(ssrc, stream);
    }
    return stream;
  }

  /** Reports a press once: at its first end packet, or (`ended` false) when its stream moved on or the trace stopped without one. */
  #close(stream: Stream, press: Press, frame: number, time: number, ended: boolean): void {
    if (press.closed) return;
    press.closed = true;
    stream.closed.push(press.timestamp);
    if (stream.closed.length > CLOSED_KEPT) stream.closed.shift();
    if (press.key === undefined) return;
    this.#out.push({
      kind: 'dtmf',
      trace: this.#trace,
      frame,
      time,
      src: press.source.src,
      dst: press.source.dst,
      digits: press.key,
      callId: press.callId,
      durationMs: press.rate > 0 ? (press.duration * 1000) / press.rate : 0,
      ended,
    });
  }

  #problem(source: DatagramSource, reason: string): void {
    this.#out.push({ kind: 'problem', trace: this.#trace, frame: source.frame, time: source.time, severity: 'warning', reason });
  }
}

function newPress(source: DatagramSource, owner: MediaOwner, timestamp: number, key: string | undefined, rate: number): Press {
  return { source, callId: owner.callId, timestamp, key, rate, duration: 0, closed: false, lastFrame: source.frame, lastTime: source.time };
}
