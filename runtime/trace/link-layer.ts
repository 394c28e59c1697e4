/** LINKTYPE_* values this reader understands (https://www.tcpdump.org/linktypes.html). */
export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  /** DLT_RAW as most systems number it, found in some files instead of 101. */
  RAW_DLT12: 12,
  /** DLT_RAW as OpenBSD numbers it. */
  RAW_DLT14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = 0x8100;
const ETHERTYPE_QINQ = 0x88a8;
const ETHERTYPE_QINQ_OLD = 0x9100;

/** Where the IP packet starts inside a frame, or why there is none to read. */
export type NetworkLayer =
  | { readonly kind: 'ip'; readonly version: 4 | 6; readonly offset: number }
  /** Not IP (ARP, LLDP, ...): skipped without a word. */
  | { readonly kind: 'other' }
  | { readonly kind: 'bad'; readonly reason: string }
  | { readonly kind: 'unknown-link' };

const OTHER: NetworkLayer = { kind: 'other' };

/** The network layer of the frame `buf[start, end)`; offsets in the result are positions in `buf`. */
export function networkLayer(linkType: number, buf: Buffer, start: number, end: number): NetworkLayer {
  const length = end - start;
  switch (linkType) {
    case LinkType.ETHERNET:
      return ethernet(buf, start, end);
    case LinkType.LINUX_SLL:
      return length < 16 ? short('Linux cooked (v1)', length) : byEtherType(u16(buf, start + 14), start + 16);
    case LinkType.LINUX_SLL2:
      return length < 20 ? short('Linux cooked (v2)', length) : byEtherType(u16(buf, start), start + 20);
    case LinkType.NULL:
      return length < 4 ? short('loopback', length) : byFamily(nullFamily(buf, start), start + 4);
    case LinkType.LOOP:
      return length < 4 ? short('loopback', length) : byFamily(buf.readUInt32BE(start), start + 4);
    case LinkType.RAW:
    case LinkType.RAW_DLT12:
    case LinkType.RAW_DLT14:
      return rawIp(buf, start, end);
    case LinkType.IPV4:
      return ip(4, start);
    case LinkType.IPV6:
      return ip(6, start);
    default:
      return { kind: 'unknown-link' };
  }
}

function ethernet(buf: Buffer, start: number, end: number): NetworkLayer {
  let offset = start + 12;
  for (;;) {
    if (end < offset + 2) return short('Ethernet', end - start);
    const etherType = u16(buf, offset);
    // 802.1Q and 802.1ad tags: skip the 4-byte tag and read the inner type.
    if (etherType === ETHERTYPE_VLAN || etherType === ETHERTYPE_QINQ || etherType === ETHERTYPE_QINQ_OLD) {
      offset += 4;
      continue;
    }
    return byEtherType(etherType, offset + 2);
  }
}

function u16(buf: Buffer, at: number): number {
  return ((buf[at] ?? 0) << 8) | (buf[at + 1] ?? 0);
}

/** One result per version and offset, made once: every packet of a capture has the same few. */
const IP_AT: NetworkLayer[][] = [[], [], [], [], [], [], []];

function ip(version: 4 | 6, offset: number): NetworkLayer {
  const byOffset = IP_AT[version] ?? [];
  if (offset >= 256) return { kind: 'ip', version, offset };
  return (byOffset[offset] ??= { kind: 'ip', version, offset });
}

function byEtherType(etherType: number, offset: number): NetworkLayer {
  if (etherType === ETHERTYPE_IPV4) return ip(4, offset);
  if (etherType === ETHERTYPE_IPV6) return ip(6, offset);
  return OTHER;
}

/**
 * LINKTYPE_NULL stores the address family in the capturing host's byte
 * order, which the file does not record: families are small numbers, so
 * the zero half tells the order.
 */
function nullFamily(buf: Buffer, start: number): number {
  return buf[start] === 0 && buf[start + 1] === 0 ? buf.readUInt32BE(start) : buf.readUInt32LE(start);
}

/** AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS) or 10 (Linux). */
function byFamily(family: number, offset: number): NetworkLayer {
  if (family === 2) return ip(4, offset);
  if (family === 24 || family === 28 || family === 30 || family === 10) return ip(6, offset);
  return OTHER;
}

function rawIp(buf: Buffer, start: number, end: number): NetworkLayer {
  const version = start < end ? (buf[start] ?? 0) >> 4 : 0;
  if (version === 4) return ip(4, start);
  if (version === 6) return ip(6, start);
  return { kind: 'bad', reason: `raw IP frame with IP version ${version}` };
}

function short(what: string, length: number): NetworkLayer {
  return { kind: 'bad', reason: `${what} header cut short (${length} bytes)` };
}
