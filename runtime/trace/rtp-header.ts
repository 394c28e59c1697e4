/**
 * The fixed RTP header (RFC 3550 §5.1), read only as far as DTMF needs:
 * which stream (SSRC), which payload type, the marker bit, the timestamp,
 * and where the payload is once CSRCs, the header extension and padding
 * are skipped.
 */
export interface RtpHeader {
  readonly marker: boolean;
  readonly payloadType: number;
  readonly sequence: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly payloadStart: number;
  readonly payloadEnd: number;
}

const FIXED_HEADER = 12;

/** The RTP header of `buf[start, end)`, or undefined when those bytes cannot be RTP version 2. */
export function readRtpHeader(buf: Buffer, start: number, end: number): RtpHeader | undefined {
  if (end - start < FIXED_HEADER) return undefined;
  const first = buf[start] ?? 0;
  if (first >> 6 !== 2) return undefined;
  const second = buf[start + 1] ?? 0;
  const payloadType = second & 0x7f;
  // 72-76 are RTCP packet types with the marker bit set (RFC 5761 §4): not RTP.
  if (payloadType >= 72 && payloadType <= 76) return undefined;
  let payloadStart = start + FIXED_HEADER + 4 * (first & 0x0f);
  if ((first & 0x10) !== 0) {
    if (payloadStart + 4 > end) return undefined;
    payloadStart += 4 + 4 * buf.readUInt16BE(payloadStart + 2);
  }
  let payloadEnd = end;
  if ((first & 0x20) !== 0) {
    // The last octet counts the padding, itself included.
    const padding = buf[end - 1] ?? 0;
    if (padding === 0) return undefined;
    payloadEnd -= padding;
  }
  if (payloadStart > payloadEnd) return undefined;
  return {
    marker: (second & 0x80) !== 0,
    payloadType,
    sequence: buf.readUInt16BE(start + 2),
    timestamp: buf.readUInt32BE(start + 4),
    ssrc: buf.readUInt32BE(start + 8),
    payloadStart,
    payloadEnd,
  };
}
