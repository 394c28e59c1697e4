import type { CaptureRecord } from './capture-record.js';

/** Larger records are corruption, not packets (tcpdump's own limit is 256 KiB). */
const MAX_RECORD = 256 * 1024 * 1024;

interface PcapLayout {
  readonly littleEndian: boolean;
  /** Units of the fractional timestamp per millisecond. */
  readonly fractionPerMs: number;
  /** 16, or 24 in the "modified" (Kuznetsov) format, which adds ifindex, protocol and packet type. */
  readonly recordHeader: number;
}

/** The byte layout of a classic pcap file from its magic number; undefined when it is not pcap. */
export function pcapLayout(buf: Buffer): PcapLayout | undefined {
  if (buf.length < 4) return undefined;
  for (const littleEndian of [true, false]) {
    const magic = littleEndian ? buf.readUInt32LE(0) : buf.readUInt32BE(0);
    if (magic === 0xa1b2c3d4) return { littleEndian, fractionPerMs: 1_000, recordHeader: 16 };
    if (magic === 0xa1b23c4d) return { littleEndian, fractionPerMs: 1_000_000, recordHeader: 16 };
    if (magic === 0xa1b2cd34) return { littleEndian, fractionPerMs: 1_000, recordHeader: 24 };
  }
  return undefined;
}

/**
 * The packets of a classic pcap file (either byte order, micro- or
 * nanosecond timestamps). A truncated file yields what it holds and then a
 * problem saying where it was cut.
 */
export function* pcapPackets(buf: Buffer): Generator<CaptureRecord> {
  const layout = pcapLayout(buf);
  if (layout === undefined) {
    yield { kind: 'problem', frame: 0, time: 0, reason: 'not a pcap file (bad magic number)' };
    return;
  }
  if (buf.length < 24) {
    yield { kind: 'problem', frame: 0, time: 0, reason: `pcap file truncated inside its 24-byte header (${buf.length} bytes)` };
    return;
  }
  const le = layout.littleEndian;
  // By hand rather than readUInt32LE/BE, which validate the offset on each of the four reads per record
  // (offsets here are checked against the length first). The top byte is multiplied: a shift would sign it.
  const u32 = le
    ? (at: number): number => (buf[at + 3] ?? 0) * 0x1000000 + (((buf[at + 2] ?? 0) << 16) | ((buf[at + 1] ?? 0) << 8) | (buf[at] ?? 0))
    : (at: number): number => (buf[at] ?? 0) * 0x1000000 + (((buf[at + 1] ?? 0) << 16) | ((buf[at + 2] ?? 0) << 8) | (buf[at + 3] ?? 0));
  // The upper bits of the link type field carry FCS information (pcap spec §4).
  const linkType = u32(20) & 0xffff;
  let p = 24;
  let frame = 0;
  let time = 0;
  while (p < buf.length) {
    frame++;
    if (p + layout.recordHeader > buf.length) {
      yield { kind: 'problem', frame, time, reason: `file truncated: the record header of frame ${frame} is cut at byte ${buf.length}` };
      return;
    }
    const seconds = u32(p);
    const fraction = u32(p + 4);
    const captured = u32(p + 8);
    const original = u32(p + 12);
    time = seconds * 1000 + fraction / layout.fractionPerMs;
    if (captured > MAX_RECORD) {
      yield { kind: 'problem', frame, time, reason: `corrupt record: frame ${frame} claims ${captured} captured bytes` };
      return;
    }
    const start = p + layout.recordHeader;
    if (start + captured > buf.length) {
      yield {
        kind: 'problem',
        frame,
        time,
        reason: `file truncated: frame ${frame} has ${buf.length - start} of its ${captured} bytes`,
      };
      return;
    }
    yield { kind: 'packet', frame, time, linkType, buf, start, end: start + captured, originalLength: original };
    p = start + captured;
  }
}
