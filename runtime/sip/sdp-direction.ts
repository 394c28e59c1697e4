import { asBuffer } from './buffer-view.js';
import { bodyOfType } from './body-part.js';
import type { SipMessage } from './message.js';
import { eachSdpLine, sdpField, trimmed, trimmedRange } from './sdp-fields.js';

/** Media direction attributes (RFC 3264 §5.1, §8.4). */
export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface SdpMedia {
  /** `audio`, `video`, ... */
  readonly type: string;
  readonly port: number;
  /** What the SDP says (media-level attribute, else session-level, else sendrecv). */
  readonly declared: SdpDirection;
  /** True when the connection address is 0.0.0.0 (RFC 2543 hold, RFC 3264 §8.4). */
  readonly connectionZero: boolean;
  /**
   * What the stream can do: `declared`, minus receiving when the connection
   * address is 0.0.0.0 (there is nowhere to send to), and `inactive` when
   * the stream is rejected or disabled (port 0).
   */
  readonly direction: SdpDirection;
}

export interface SdpSummary {
  /** The first audio stream's direction (else the first stream's, else the session's): what hold compares. */
  readonly direction: SdpDirection;
  /** True when that stream's connection address is 0.0.0.0. */
  readonly connectionZero: boolean;
  readonly media: readonly SdpMedia[];
}

const DIRECTIONS: readonly SdpDirection[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/** The direction attribute `text[start, end)` (trimmed) names, if any. */
function asDirection(text: string, start: number, end: number): SdpDirection | undefined {
  trimmedRange(text, start, end);
  // All four are eight letters, and no other text lowercases to one of them: most a= lines end here, unsliced.
  if (trimmed.end - trimmed.start !== 8) return undefined;
  const lower = text.slice(trimmed.start, trimmed.end).toLowerCase();
  return DIRECTIONS.find((d) => d === lower);
}

/** Reads the directions of an SDP text. Lenient: lines it does not need are ignored, never rejected. */
export function parseSdpDirection(sdp: string): SdpSummary {
  let sessionDirection: SdpDirection = 'sendrecv';
  let sessionZero = false;
  const media: { type: string; port: number; direction: SdpDirection | undefined; zero: boolean | undefined }[] = [];
  // Line by line without splitting; only the fields that matter are sliced.
  eachSdpLine(sdp, (kind, valueStart, end) => {
    // (Not media[-1]: an out-of-range negative index is a slow property lookup in V8.)
    const current = media.length === 0 ? undefined : media[media.length - 1];
    if (kind === 0x6d) {
      // m=
      const type = sdpField(sdp, valueStart, end, 0) ?? '';
      const port = sdpField(sdp, valueStart, end, 1) ?? '0';
      media.push({ type: type.toLowerCase(), port: Number.parseInt(port, 10) || 0, direction: undefined, zero: undefined });
    } else if (kind === 0x63) {
      // c=
      const zero = isZeroAddress(sdpField(sdp, valueStart, end, 2) ?? '');
      if (current === undefined) sessionZero = zero;
      else current.zero = zero;
    } else if (kind === 0x61) {
      // a=
      const direction = asDirection(sdp, valueStart, end);
      if (direction === undefined) return;
      if (current === undefined) sessionDirection = direction;
      else current.direction = direction;
    }
  });
  const streams: SdpMedia[] = media.map((m) => {
    const declared = m.direction ?? sessionDirection;
    const connectionZero = m.zero ?? sessionZero;
    return { type: m.type, port: m.port, declared, connectionZero, direction: effective(declared, connectionZero, m.port) };
  });
  const active = streams.filter((m) => m.port !== 0);
  const main = active.find((m) => m.type === 'audio') ?? active[0] ?? streams[0];
  if (main === undefined) {
    return { direction: effective(sessionDirection, sessionZero, 1), connectionZero: sessionZero, media: streams };
  }
  return { direction: main.direction, connectionZero: main.connectionZero, media: streams };
}

function effective(declared: SdpDirection, connectionZero: boolean, port: number): SdpDirection {
  if (port === 0) return 'inactive';
  if (!connectionZero) return declared;
  if (declared === 'sendrecv') return 'sendonly';
  if (declared === 'recvonly') return 'inactive';
  return declared;
}

/** `IN IP4 0.0.0.0` (and `IN IP6 ::`, which some stacks send for the same purpose): the connection line's third field. */
function isZeroAddress(address: string): boolean {
  const slash = address.indexOf('/');
  const host = slash < 0 ? address : address.slice(0, slash);
  return host === '0.0.0.0' || host === '::';
}

/** The SDP of a message (its body, or the SDP part of a multipart body); undefined when it has none. */
export function sdpOf(message: SipMessage): SdpSummary | undefined {
  const body = bodyOfType(message, 'application/sdp');
  return body === undefined ? undefined : parseSdpDirection(asBuffer(body).toString('utf8'));
}
