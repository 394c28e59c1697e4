/**
 * A tiny pcap and pcapng writer, so every link type, byte order, timestamp
 * resolution and error path can be built in a test instead of shipped as
 * an opaque binary.
 */

export interface PcapPacket {
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly data: Uint8Array;
  /** Length on the wire, when the snap length cut the packet. */
  readonly originalLength?: number;
}

export interface PcapOptions {
  readonly linkType: number;
  readonly littleEndian?: boolean;
  readonly nanosecond?: boolean;
  readonly snapLength?: number;
}

export function pcapFile(packets: readonly PcapPacket[], options: PcapOptions): Buffer {
  const le = options.littleEndian ?? true;
  const header = Buffer.alloc(24);
  const u32 = (buf: Buffer, value: number, at: number): void => {
    if (le) buf.writeUInt32LE(value >>> 0, at);
    else buf.writeUInt32BE(value >>> 0, at);
  };
  const u16 = (buf: Buffer, value: number, at: number): void => {
    if (le) buf.writeUInt16LE(value, at);
    else buf.writeUInt16BE(value, at);
  };
  u32(header, options.nanosecond === true ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  u16(header, 2, 4);
  u16(header, 4, 6);
  u32(header, options.snapLength ?? 262144, 16);
  u32(header, options.linkType, 20);
  const parts: Buffer[] = [header];
  for (const packet of packets) {
    const record = Buffer.alloc(16);
    const seconds = Math.floor(packet.time / 1000);
    const fractionMs = packet.time - seconds * 1000;
    u32(record, seconds, 0);
    u32(record, Math.round(fractionMs * (options.nanosecond === true ? 1_000_000 : 1_000)), 4);
    u32(record, packet.data.length, 8);
    u32(record, packet.originalLength ?? packet.data.length, 12);
    parts.push(record, Buffer.from(packet.data));
  }
  return Buffer.concat(parts);
}

export interface PcapngInterface {
  readonly linkType: number;
  /** The if_tsresol option byte (6 = microseconds, 9 = nanoseconds, 0x80|n = 2^-n); omitted = microseconds. */
  readonly tsresol?: number;
  /** The if_tsoffset option, in seconds. */
  readonly tsoffset?: number;
  readonly snapLength?: number;
}

export type PcapngPacket =
  | { readonly kind: 'enhanced'; readonly iface: number; readonly time: number; readonly data: Uint8Array; readonly originalLength?: number }
  | { readonly kind: 'simple'; readonly data: Uint8Array; readonly originalLength?: number }
  | { readonly kind: 'obsolete'; readonly iface: number; readonly time: number; readonly data: Uint8Array }
  /** A block type the reader must skip (Name Resolution, Interface Statistics, custom). */
  | { readonly kind: 'other'; readonly type: number; readonly body: Uint8Array };

export interface PcapngSection {
  readonly littleEndian?: boolean;
  readonly interfaces: readonly PcapngInterface[];
  readonly packets: readonly PcapngPacket[];
}

export function pcapngFile(sections: readonly PcapngSection[]): Buffer {
  const parts: Buffer[] = [];
  for (const section of sections) {
    const le = section.littleEndian ?? true;
    const w = writer(le);
    parts.push(block(w, 0x0a0d0d0a, Buffer.concat([w.u32(0x1a2b3c4d), w.u16(1), w.u16(0), Buffer.alloc(8, 0xff)])));
    for (const iface of section.interfaces) {
      const options: Buffer[] = [];
      if (iface.tsresol !== undefined) options.push(option(w, 9, Buffer.from([iface.tsresol])));
      if (iface.tsoffset !== undefined) {
        const value = Buffer.alloc(8);
        if (le) value.writeBigInt64LE(BigInt(iface.tsoffset));
        else value.writeBigInt64BE(BigInt(iface.tsoffset));
        options.push(option(w, 14, value));
      }
      if (options.length > 0) options.push(option(w, 0, Buffer.alloc(0)));
      parts.push(block(w, 1, Buffer.concat([w.u16(iface.linkType), w.u16(0), w.u32(iface.snapLength ?? 0), ...options])));
    }
    for (const packet of section.packets) {
      if (packet.kind === 'other') {
        parts.push(block(w, packet.type, Buffer.from(packet.body)));
        continue;
      }
      const data = pad(Buffer.from(packet.data));
      if (packet.kind === 'simple') {
        parts.push(block(w, 3, Buffer.concat([w.u32(packet.originalLength ?? packet.data.length), data])));
        continue;
      }
      const iface = section.interfaces[packet.iface];
      const units = timestampUnits(packet.time, iface?.tsresol, iface?.tsoffset);
      const high = Number(units >> 32n);
      const low = Number(units & 0xffffffffn);
      if (packet.kind === 'obsolete') {
        parts.push(
          block(w, 2, Buffer.concat([w.u16(packet.iface), w.u16(0), w.u32(high), w.u32(low), w.u32(packet.data.length), w.u32(packet.data.length), data])),
        );
      } else {
        const original = packet.originalLength ?? packet.data.length;
        parts.push(block(w, 6, Buffer.concat([w.u32(packet.iface), w.u32(high), w.u32(low), w.u32(packet.data.length), w.u32(original), data])));
      }
    }
  }
  return Buffer.concat(parts);
}

function timestampUnits(timeMs: number, tsresol: number | undefined, tsoffset: number | undefined): bigint {
  const resol = tsresol ?? 6;
  const perSecond = resol & 0x80 ? 2 ** (resol & 0x7f) : 10 ** resol;
  const ms = timeMs - (tsoffset ?? 0) * 1000;
  const wholeMs = Math.floor(ms);
  // Exact for whole milliseconds; sub-millisecond parts are rounded to the resolution.
  return (BigInt(wholeMs) * BigInt(perSecond)) / 1000n + BigInt(Math.round(((ms - wholeMs) * perSecond) / 1000));
}

interface Writer {
  u16(value: number): Buffer;
  u32(value: number): Buffer;
}

function writer(le: boolean): Writer {
  return {
    u16: (value) => {
      const b = Buffer.alloc(2);
      if (le) b.writeUInt16LE(value);
      else b.writeUInt16BE(value);
      return b;
    },
    u32: (value) => {
      const b = Buffer.alloc(4);
      if (le) b.writeUInt32LE(value >>> 0);
      else b.writeUInt32BE(value >>> 0);
      return b;
    },
  };
}

function block(w: Writer, type: number, body: Buffer): Buffer {
  const padded = pad(body);
  const length = 12 + padded.length;
  return Buffer.concat([w.u32(type), w.u32(length), padded, w.u32(length)]);
}

function option(w: Writer, code: number, value: Buffer): Buffer {
  return Buffer.concat([w.u16(code), w.u16(value.length), pad(value)]);
}

function pad(buf: Buffer): Buffer {
  const extra = (4 - (buf.length % 4)) % 4;
  return extra === 0 ? buf : Buffer.concat([buf, Buffer.alloc(extra)]);
}
