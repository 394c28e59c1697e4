import { wholeBytes, type CaptureBytes } from './capture-bytes.js';
import type { CaptureRecord } from './capture-record.js';

const SECTION_HEADER = 0x0a0d0d0a;
const INTERFACE_DESCRIPTION = 1;
const OBSOLETE_PACKET = 2;
const SIMPLE_PACKET = 3;
const ENHANCED_PACKET = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPTION_END = 0;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;

interface Interface {
  readonly linkType: number;
  readonly snapLength: number;
  /** Timestamp units per millisecond. */
  readonly unitsPerMs: number;
  /** Seconds added to every timestamp (if_tsoffset). */
  readonly offsetMs: number;
}

/**
 * The packets of a pcapng file: sections (each with its own byte order and
 * interfaces), interface link types and timestamp resolutions, Enhanced,
 * Simple and obsolete Packet Blocks. Other blocks are skipped. In memory
 * or read a window at a time (capture-bytes.ts); byte numbers in problems
 * are the file's.
 */
export function* pcapngPackets(file: Buffer | CaptureBytes): Generator<CaptureRecord> {
  const bytes = Buffer.isBuffer(file) ? wholeBytes(file) : file;
  // `p`: the file offset of the next block.
  let p = 0;
  let le = true;
  let interfaces: Interface[] = [];
  let frame = 0;
  let time = 0;
  let sawSection = false;
  while (p < bytes.length) {
    if (!bytes.ensure(p, 12)) {
      // A stream's length is known once it ends (gzip-windows.ts): it may end here, between blocks.
      if (p >= bytes.length) break;
      yield { kind: 'problem', frame: frame + 1, time, reason: `file truncated: ${bytes.length - p} bytes left where a block starts at byte ${p}` };
      return;
    }
    const head = bytes.buf;
    const headAt = p - bytes.base;
    const type = le ? head.readUInt32LE(headAt) : head.readUInt32BE(headAt);
    if (type === SECTION_HEADER) {
      const magic = head.readUInt32LE(headAt + 8);
      if (magic === BYTE_ORDER_MAGIC) le = true;
      else if (magic === 0x4d3c2b1a) le = false;
      else {
        yield { kind: 'problem', frame: frame + 1, time, reason: `corrupt section header at byte ${p} (bad byte-order magic)` };
        return;
      }
      interfaces = [];
      sawSection = true;
    } else if (!sawSection) {
      yield { kind: 'problem', frame: 0, time: 0, reason: 'not a pcapng file (no section header first)' };
      return;
    }
    const length = le ? head.readUInt32LE(headAt + 4) : head.readUInt32BE(headAt + 4);
    if (length < 12 || length % 4 !== 0) {
      yield { kind: 'problem', frame: frame + 1, time, reason: `corrupt block at byte ${p} (length ${length})` };
      return;
    }
    if (!bytes.ensure(p, length)) {
      yield {
        kind: 'problem',
        frame: frame + 1,
        time,
        reason: `file truncated: block at byte ${p} needs ${length} bytes, ${bytes.length - p} remain`,
      };
      return;
    }
    // The window may have moved to hold the whole block.
    const buf = bytes.buf;
    const at = p - bytes.base;
    const u32 = (o: number): number => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
    const u16 = (o: number): number => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
    const body = at + 8;
    const bodyEnd = at + length - 4;
    if (type === INTERFACE_DESCRIPTION && bodyEnd - body >= 8) {
      interfaces.push(readInterface(buf, body, bodyEnd, u16, u32, le));
    } else if (type === ENHANCED_PACKET || type === OBSOLETE_PACKET) {
      frame++;
      const enhanced = type === ENHANCED_PACKET;
      const ifIndex = enhanced ? u32(body) : u16(body);
      const high = u32(body + 4);
      const low = u32(body + 8);
      const captured = u32(body + 12);
      const original = u32(body + 16);
      const iface = interfaces[ifIndex];
      const dataStart = body + 20;
      if (iface === undefined) {
        yield { kind: 'problem', frame, time, reason: `frame ${frame} names interface ${ifIndex}, which was never described` };
      } else if (dataStart + captured > bodyEnd) {
        yield { kind: 'problem', frame, time, reason: `corrupt packet block: frame ${frame} claims ${captured} bytes in a ${length}-byte block` };
      } else {
        // high * 2^32 + low loses sub-microsecond precision past 2^53, far below a millisecond float's.
        time = (high * 4_294_967_296 + low) / iface.unitsPerMs + iface.offsetMs;
        yield { kind: 'packet', frame, time, linkType: iface.linkType, buf, start: dataStart, end: dataStart + captured, originalLength: original };
      }
    } else if (type === SIMPLE_PACKET) {
      frame++;
      const iface = interfaces[0];
      const original = u32(body);
      if (iface === undefined) {
        yield { kind: 'problem', frame, time, reason: `frame ${frame} is a simple packet block but no interface was described` };
      } else {
        const limit = iface.snapLength === 0 ? original : Math.min(original, iface.snapLength);
        const captured = Math.min(limit, bodyEnd - (body + 4));
        // Simple packet blocks carry no timestamp: the previous packet's time is the best there is.
        yield { kind: 'packet', frame, time, linkType: iface.linkType, buf, start: body + 4, end: body + 4 + captured, originalLength: original };
      }
    }
    p += length;
  }
}

function readInterface(
  buf: Buffer,
  body: number,
  bodyEnd: number,
  u16: (at: number) => number,
  u32: (at: number) => number,
  le: boolean,
): Interface {
  const linkType = u16(body);
  const snapLength = u32(body + 4);
  let unitsPerMs = 1_000; // default resolution: microseconds
  let offsetMs = 0;
  let o = body + 8;
  while (o + 4 <= bodyEnd) {
    const code = u16(o);
    const length = u16(o + 2);
    if (code === OPTION_END || o + 4 + length > bodyEnd) break;
    if (code === IF_TSRESOL && length >= 1) {
      const v = buf[o + 4] ?? 6;
      const perSecond = v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
      unitsPerMs = perSecond / 1000;
    } else if (code === IF_TSOFFSET && length >= 8) {
      offsetMs = Number(le ? buf.readBigInt64LE(o + 4) : buf.readBigInt64BE(o + 4)) * 1000;
    }
    o += 4 + ((length + 3) & ~3);
  }
  return { linkType, snapLength, unitsPerMs, offsetMs };
}
