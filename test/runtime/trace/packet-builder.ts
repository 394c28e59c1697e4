/**
 * Builds the layers of captured frames for tests: UDP/TCP inside IPv4/IPv6
 * inside every supported link layer. Checksums are left zero: the reader
 * never checks them (captures of offloaded traffic carry wrong ones anyway).
 */

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;

export function udp(srcPort: number, dstPort: number, payload: Uint8Array | string): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const header = Buffer.alloc(8);
  header.writeUInt16BE(srcPort, 0);
  header.writeUInt16BE(dstPort, 2);
  header.writeUInt16BE(8 + data.length, 4);
  return Buffer.concat([header, data]);
}

export const TcpFlag = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

export function tcp(srcPort: number, dstPort: number, seq: number, flags: number, payload: Uint8Array | string = ''): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  // 32-byte header: 20 fixed bytes and a 12-byte options area (NOP NOP timestamp), as Linux sends.
  const header = Buffer.alloc(32);
  header.writeUInt16BE(srcPort, 0);
  header.writeUInt16BE(dstPort, 2);
  header.writeUInt32BE(seq >>> 0, 4);
  header[12] = 8 << 4;
  header[13] = flags;
  header.writeUInt16BE(65535, 14);
  header[20] = 1;
  header[21] = 1;
  header[22] = 8;
  header[23] = 10;
  return Buffer.concat([header, data]);
}

export interface Ipv4Options {
  readonly id?: number;
  readonly fragmentOffset?: number;
  readonly moreFragments?: boolean;
  /** Overrides the total length field (0 imitates segmentation offload). */
  readonly totalLength?: number;
}

export function ipv4(src: string, dst: string, protocol: number, payload: Uint8Array, options: Ipv4Options = {}): Buffer {
  const header = Buffer.alloc(20);
  header[0] = 0x45;
  header.writeUInt16BE(options.totalLength ?? 20 + payload.length, 2);
  header.writeUInt16BE(options.id ?? 1, 4);
  const offsetUnits = (options.fragmentOffset ?? 0) / 8;
  header.writeUInt16BE((options.moreFragments === true ? 0x2000 : 0) | offsetUnits, 6);
  header[8] = 64;
  header[9] = protocol;
  writeIpv4(header, 12, src);
  writeIpv4(header, 16, dst);
  return Buffer.concat([header, payload]);
}

/** Splits one IPv4 datagram's transport payload into fragments of `size` bytes (a multiple of 8). */
export function ipv4Fragments(src: string, dst: string, protocol: number, payload: Uint8Array, size: number, id: number): Buffer[] {
  const fragments: Buffer[] = [];
  for (let offset = 0; offset < payload.length; offset += size) {
    const piece = payload.subarray(offset, Math.min(offset + size, payload.length));
    fragments.push(ipv4(src, dst, protocol, piece, { id, fragmentOffset: offset, moreFragments: offset + size < payload.length }));
  }
  return fragments;
}

export interface Ipv6Extension {
  /** Next-header value that announces this extension (0 hop-by-hop, 43 routing, 60 destination options, 51 AH). */
  readonly type: number;
  /** Total length of the extension in bytes: a multiple of 8 (of 4 for AH), at least 8. */
  readonly length: number;
}

export function ipv6(src: string, dst: string, protocol: number, payload: Uint8Array, extensions: readonly Ipv6Extension[] = []): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < extensions.length; i++) {
    const ext = extensions[i];
    if (ext === undefined) continue;
    const next = extensions[i + 1]?.type ?? protocol;
    const body = Buffer.alloc(ext.length);
    body[0] = next;
    body[1] = ext.type === 51 ? ext.length / 4 - 2 : ext.length / 8 - 1;
    parts.push(body);
  }
  const extBytes = Buffer.concat(parts);
  const header = Buffer.alloc(40);
  header[0] = 0x60;
  header.writeUInt16BE(extBytes.length + payload.length, 4);
  header[6] = extensions[0]?.type ?? protocol;
  header[7] = 64;
  writeIpv6(header, 8, src);
  writeIpv6(header, 24, dst);
  return Buffer.concat([header, extBytes, payload]);
}

/** IPv6 fragments (RFC 8200 §4.5) of a transport payload, each with a fragment header. */
export function ipv6Fragments(src: string, dst: string, protocol: number, payload: Uint8Array, size: number, id: number): Buffer[] {
  const fragments: Buffer[] = [];
  for (let offset = 0; offset < payload.length; offset += size) {
    const piece = payload.subarray(offset, Math.min(offset + size, payload.length));
    const fragmentHeader = Buffer.alloc(8);
    fragmentHeader[0] = protocol;
    fragmentHeader.writeUInt16BE(offset | (offset + size < payload.length ? 1 : 0), 2);
    fragmentHeader.writeUInt32BE(id, 4);
    const header = Buffer.alloc(40);
    header[0] = 0x60;
    header.writeUInt16BE(8 + piece.length, 4);
    header[6] = 44;
    header[7] = 64;
    writeIpv6(header, 8, src);
    writeIpv6(header, 24, dst);
    fragments.push(Buffer.concat([header, fragmentHeader, piece]));
  }
  return fragments;
}

export function ethernet(ip: Uint8Array, etherType: number, vlanTags: readonly number[] = [], vlanEtherType = 0x8100): Buffer {
  const header = Buffer.alloc(14 + 4 * vlanTags.length);
  Buffer.from('020000000002', 'hex').copy(header, 0);
  Buffer.from('020000000001', 'hex').copy(header, 6);
  let at = 12;
  for (const tag of vlanTags) {
    header.writeUInt16BE(vlanEtherType, at);
    header.writeUInt16BE(tag, at + 2);
    at += 4;
  }
  header.writeUInt16BE(etherType, at);
  return Buffer.concat([header, ip]);
}

/** Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 113). */
export function linuxCooked(ip: Uint8Array, etherType: number): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt16BE(0, 0); // sent to us
  header.writeUInt16BE(1, 2); // ARPHRD_ETHER
  header.writeUInt16BE(6, 4);
  header.writeUInt16BE(etherType, 14);
  return Buffer.concat([header, ip]);
}

/** Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 276). */
export function linuxCooked2(ip: Uint8Array, etherType: number): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(etherType, 0);
  header.writeUInt32BE(2, 4); // interface index
  header.writeUInt16BE(1, 8);
  header[11] = 6;
  return Buffer.concat([header, ip]);
}

/** BSD loopback (LINKTYPE_NULL, 0): the family in the capturing host's byte order. */
export function nullLoopback(ip: Uint8Array, family: number, littleEndian: boolean): Buffer {
  const header = Buffer.alloc(4);
  if (littleEndian) header.writeUInt32LE(family, 0);
  else header.writeUInt32BE(family, 0);
  return Buffer.concat([header, ip]);
}

/** OpenBSD loopback (LINKTYPE_LOOP, 108): the family in network byte order. */
export function openBsdLoop(ip: Uint8Array, family: number): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(family, 0);
  return Buffer.concat([header, ip]);
}

function writeIpv4(buf: Buffer, at: number, address: string): void {
  address.split('.').forEach((octet, i) => {
    buf[at + i] = Number(octet);
  });
}

function writeIpv6(buf: Buffer, at: number, address: string): void {
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  groups.forEach((g, i) => buf.writeUInt16BE(Number.parseInt(g, 16), at + 2 * i));
}
