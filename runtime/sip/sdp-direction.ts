import { asBuffer } from './buffer-view.js';
import { bodyOfType } from './body-part.js';
import type { SipMessage } from './message.js';

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

function asDirection(text: string): SdpDirection | undefined {
  // All four are eight letters, and no other text lowercases to one of them: most a= lines end here, unlowercased.
  if (text.length !== 8) return undefined;
  const lower = text.toLowerCase();
  return DIRECTIONS.find((d) => d === lower);
}

/** Reads the directions of an SDP text. Lenient: lines it does not need are ignored, never rejected. */
export function parseSdpDirection(sdp: string): SdpSummary {
  let sessionDirection: SdpDirection = 'sendrecv';
  let sessionZero = false;
  const media: { type: string; port: number; direction: SdpDirection | undefined; zero: boolean | undefined }[] = [];
  for (let start = 0; start < sdp.length; ) {
    // Line by line without splitting: only m=, c= and a= lines are sliced.
    let end = sdp.indexOf('\n', start);
    if (end < 0) end = sdp.length;
    const lineStart = start;
    start = end + 1;
    if (end > lineStart && sdp.charCodeAt(end - 1) === 0x0d) end--;
    if (end - lineStart < 2 || sdp.charCodeAt(lineStart + 1) !== 0x3d) continue;
    const kind = sdp[lineStart];
    if (kind !== 'm' && kind !== 'c' && kind !== 'a') continue;
    const value = sdp.slice(lineStart + 2, end).trim();
    const current = media[media.length - 1];
    if (kind === 'm') {
      const [type = '', port = '0'] = value.split(/\s+/);
      media.push({ type: type.toLowerCase(), port: Number.parseInt(port, 10) || 0, direction: undefined, zero: undefined });
    } else if (kind === 'c') {
      const zero = isZeroAddress(value);
      if (current === undefined) sessionZero = zero;
      else current.zero = zero;
    } else if (kind === 'a') {
      const direction = asDirection(value);
      if (direction === undefined) continue;
      if (current === undefined) sessionDirection = direction;
      else current.direction = direction;
    }
  }
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

/** `IN IP4 0.0.0.0` (and `IN IP6 ::`, which some stacks send for the same purpose). */
function isZeroAddress(connection: string): boolean {
  const address = connection.split(/\s+/)[2] ?? '';
  const host = address.split('/')[0] ?? '';
  return host === '0.0.0.0' || host === '::';
}

/** The SDP of a message (its body, or the SDP part of a multipart body); undefined when it has none. */
export function sdpOf(message: SipMessage): SdpSummary | undefined {
  const body = bodyOfType(message, 'application/sdp');
  return body === undefined ? undefined : parseSdpDirection(asBuffer(body).toString('utf8'));
}
