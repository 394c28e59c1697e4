/**
 * Writes SIP messages as a classic pcap of Ethernet/IPv4/UDP frames, the
 * shape a capture on a SIP server's interface has. Checksums: IPv4 header
 * computed, UDP left 0 (allowed over IPv4). One buffer, written in place.
 */

export interface UdpDatagram {
  /** Milliseconds since the Unix epoch. */
  readonly time: number;
  readonly srcIp: readonly [number, number, number, number];
  readonly srcPort: number;
  readonly dstIp: readonly [number, number, number, number];
  readonly dstPort: number;
  readonly payload: Buffer;
}

const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;
const ETHERNET = 14;
const IPV4 = 20;
const UDP = 8;
const LINKTYPE_ETHERNET = 1;

export function writePcap(datagrams: readonly UdpDatagram[]): Buffer {
  let size = GLOBAL_HEADER;
  for (const d of datagrams) size += RECORD_HEADER + ETHERNET + IPV4 + UDP + d.payload.length;
  const out = Buffer.alloc(size);
  out.writeUInt32LE(0xa1b2c3d4, 0);
  out.writeUInt16LE(2, 4);
  out.writeUInt16LE(4, 6);
  out.writeUInt32LE(65535, 16);
  out.writeUInt32LE(LINKTYPE_ETHERNET, 20);
  let at = GLOBAL_HEADER;
  let ipId = 0;
  for (const d of datagrams) {
    const frame = ETHERNET + IPV4 + UDP + d.payload.length;
    const seconds = Math.floor(d.time / 1000);
    out.writeUInt32LE(seconds, at);
    out.writeUInt32LE(Math.round((d.time - seconds * 1000) * 1000) % 1_000_000, at + 4);
    out.writeUInt32LE(frame, at + 8);
    out.writeUInt32LE(frame, at + 12);
    at += RECORD_HEADER;
    // Ethernet: locally administered MACs, IPv4 ethertype.
    out.writeUInt16BE(0x0200, at);
    out.writeUInt32BE(0x00000001, at + 2);
    out.writeUInt16BE(0x0200, at + 6);
    out.writeUInt32BE(0x00000002, at + 8);
    out.writeUInt16BE(0x0800, at + 12);
    at += ETHERNET;
    const ip = at;
    out[ip] = 0x45;
    out.writeUInt16BE(IPV4 + UDP + d.payload.length, ip + 2);
    out.writeUInt16BE(ipId++ & 0xffff, ip + 4);
    out[ip + 8] = 64;
    out[ip + 9] = 17;
    for (let i = 0; i < 4; i++) {
      out[ip + 12 + i] = d.srcIp[i] ?? 0;
      out[ip + 16 + i] = d.dstIp[i] ?? 0;
    }
    out.writeUInt16BE(ipv4Checksum(out, ip), ip + 10);
    at += IPV4;
    out.writeUInt16BE(d.srcPort, at);
    out.writeUInt16BE(d.dstPort, at + 2);
    out.writeUInt16BE(UDP + d.payload.length, at + 4);
    at += UDP;
    d.payload.copy(out, at);
    at += d.payload.length;
  }
  return out;
}

function ipv4Checksum(buf: Buffer, at: number): number {
  let sum = 0;
  for (let i = 0; i < IPV4; i += 2) if (i !== 10) sum += buf.readUInt16BE(at + i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
