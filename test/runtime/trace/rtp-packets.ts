/** Builds RTP packets and RFC 4733 telephone-event payloads for the rtp-* tests. */

export interface RtpSpec {
  readonly payloadType: number;
  readonly sequence?: number;
  readonly timestamp?: number;
  readonly ssrc?: number;
  readonly marker?: boolean;
  readonly csrcs?: number;
  /** Words (32-bit) of header extension data after its 4-byte header. */
  readonly extensionWords?: number;
  readonly padding?: number;
}

export function rtp(spec: RtpSpec, payload: Uint8Array): Buffer {
  const csrcs = spec.csrcs ?? 0;
  const header = Buffer.alloc(12 + 4 * csrcs);
  const extension = spec.extensionWords === undefined ? 0 : 1;
  const padded = spec.padding === undefined ? 0 : 1;
  header[0] = 0x80 | (padded << 5) | (extension << 4) | csrcs;
  header[1] = ((spec.marker ?? false) ? 0x80 : 0) | spec.payloadType;
  header.writeUInt16BE(spec.sequence ?? 1, 2);
  header.writeUInt32BE(spec.timestamp ?? 0, 4);
  header.writeUInt32BE(spec.ssrc ?? 0x1234, 8);
  const parts = [header];
  if (spec.extensionWords !== undefined) {
    const ext = Buffer.alloc(4 + 4 * spec.extensionWords);
    ext.writeUInt16BE(0xbede, 0);
    ext.writeUInt16BE(spec.extensionWords, 2);
    parts.push(ext);
  }
  parts.push(Buffer.from(payload));
  if (spec.padding !== undefined) {
    const pad = Buffer.alloc(spec.padding);
    pad[spec.padding - 1] = spec.padding;
    parts.push(pad);
  }
  return Buffer.concat(parts);
}

export function telephoneEvent(code: number, end: boolean, duration: number, volume = 10): Buffer {
  const payload = Buffer.alloc(4);
  payload[0] = code;
  payload[1] = (end ? 0x80 : 0) | volume;
  payload.writeUInt16BE(duration, 2);
  return payload;
}

export interface PressSpec {
  readonly code: number;
  readonly timestamp: number;
  readonly payloadType?: number;
  readonly ssrc?: number;
  /** Packets before the end (each 160 timestamp units longer), default 7 as phones send 20 ms packets. */
  readonly packets?: number;
  /** Copies of the end packet, default 3 (RFC 4733 §2.5.1.4). */
  readonly ends?: number;
}

/** The packets of one key press, as a phone sends it: marker on the first, the E bit on the last three. */
export function press(spec: PressSpec): Buffer[] {
  const out: Buffer[] = [];
  const pt = spec.payloadType ?? 101;
  const packets = spec.packets ?? 7;
  for (let i = 0; i < packets; i++) {
    out.push(rtp({ payloadType: pt, timestamp: spec.timestamp, marker: i === 0, sequence: i + 1, ssrc: spec.ssrc ?? 0x1234 }, telephoneEvent(spec.code, false, i * 160)));
  }
  for (let i = 0; i < (spec.ends ?? 3); i++) {
    out.push(rtp({ payloadType: pt, timestamp: spec.timestamp, sequence: packets + 1, ssrc: spec.ssrc ?? 0x1234 }, telephoneEvent(spec.code, true, packets * 160)));
  }
  return out;
}
