import { wholeBytes, type CaptureBytes } from './capture-bytes.js';
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
 * nanosecond timestamps), in memory or read a window at a time
 * (capture-bytes.ts). A truncated file yields what it holds and then a
 * problem saying where it was cut.
 */
export function* pcapPackets(file: Buffer | CaptureBytes): Generator<CaptureRecord> {
  const bytes = Buffer.isBuffer(file) ? wholeBytes(file) : file;
  bytes.ensure(0, Math.min(24, bytes.length));
  const layout = pcapLayout(bytes.buf);
  if (layout === undefined) {
    yield { kind: 'problem', frame: 0, time: 0, reason: 'not a pcap file (bad magic number)' };
    return;
  }
  if (bytes.length < 24) {
    yield { kind: 'problem', frame: 0, time: 0, reason: `pcap file truncated inside its 24-byte header (${bytes.length} bytes)` };
    return;
  }
  // By hand rather than readUInt32LE/BE, which validate the offset on each of the four reads per record
  // (offsets here are checked against the window first). The top byte is multiplied: a shift would sign it.
  const u32 = layout.littleEndian
    ? (buf: Buffer, at: number): number => (buf[at + 3] ?? 0) * 0x1000000 + (((buf[at + 2] ?? 0) << 16) | ((buf[at + 1] ?? 0) << 8) | (buf[at] ?? 0))
    : (buf: Buffer, at: number): number => (buf[at] ?? 0) * 0x1000000 + (((buf[at + 1] ?? 0) << 16) | ((buf[at + 2] ?? 0) << 8) | (buf[at + 3] ?? 0));
  // The upper bits of the link type field carry FCS information (pcap spec §4).
  const linkType = u32(bytes.buf, 20 - bytes.base) & 0xffff;
  const header = layout.recordHeader;
  // `p`: the file offset of the next record.
  let p = 24;
  let frame = 0;
  let time = 0;
  while (p < bytes.length) {
    frame++;
    if (!bytes.ensure(p, header)) {
      // A stream's length is known once it ends (gzip-windows.ts): it may end here, between records.
      if (p >= bytes.length) break;
      yield { kind: 'problem', frame, time, reason: `file truncated: the record header of frame ${frame} is cut at byte ${bytes.length}` };
      return;
    }
    let buf = bytes.buf;
    let at = p - bytes.base;
    const seconds = u32(buf, at);
    const fraction = u32(buf, at + 4);
    const captured = u32(buf, at + 8);
    const original = u32(buf, at + 12);
    time = seconds * 1000 + fraction / layout.fractionPerMs;
    if (captured > MAX_RECORD) {
      yield { kind: 'problem', frame, time, reason: `corrupt record: frame ${frame} claims ${captured} captured bytes` };
      return;
    }
    if (!bytes.ensure(p, header + captured)) {
      yield {
        kind: 'problem',
        frame,
        time,
        reason: `file truncated: frame ${frame} has ${Math.max(0, bytes.length - p - header)} of its ${captured} bytes`,
      };
      return;
    }
    // The window may have moved to hold the whole record.
    buf = bytes.buf;
    at = p - bytes.base;
    const start = at + header;
    yield { kind: 'packet', frame, time, linkType, buf, start, end: start + captured, originalLength: original };
    p += header + captured;
  }
}
