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

export function networkLayer(linkType: number, data: Buffer): NetworkLayer {
  switch (linkType) {
    case LinkType.ETHERNET:
      return ethernet(data);
    case LinkType.LINUX_SLL:
      return data.length < 16 ? short('Linux cooked (v1)', data) : byEtherType(data.readUInt16BE(14), 16);
    case LinkType.LINUX_SLL2:
      return data.length < 20 ? short('Linux cooked (v2)', data) : byEtherType(data.readUInt16BE(0), 20);
    case LinkType.NULL:
      return data.length < 4 ? short('loopback', data) : byFamily(nullFamily(data), 4);
    case LinkType.LOOP:
      return data.length < 4 ? short('loopback', data) : byFamily(data.readUInt32BE(0), 4);
    case LinkType.RAW:
    case LinkType.RAW_DLT12:
    case LinkType.RAW_DLT14:
      return rawIp(data);
    case LinkType.IPV4:
      return { kind: 'ip', version: 4, offset: 0 };
    case LinkType.IPV6:
      return { kind: 'ip', version: 6, offset: 0 };
    default:
      return { kind: 'unknown-link' };
  }
}

function ethernet(data: Buffer): NetworkLayer {
  let offset = 12;
  for (;;) {
    if (data.length < offset + 2) return short('Ethernet', data);
    const etherType = data.readUInt16BE(offset);
    // 802.1Q and 802.1ad tags: skip the 4-byte tag and read the inner type.
    if (etherType === ETHERTYPE_VLAN || etherType === ETHERTYPE_QINQ || etherType === ETHERTYPE_QINQ_OLD) {
      offset += 4;
      continue;
    }
    return byEtherType(etherType, offset + 2);
  }
}

function byEtherType(etherType: number, offset: number): NetworkLayer {
  if (etherType === ETHERTYPE_IPV4) return { kind: 'ip', version: 4, offset };
  if (etherType === ETHERTYPE_IPV6) return { kind: 'ip', version: 6, offset };
  return OTHER;
}

/**
 * LINKTYPE_NULL stores the address family in the capturing host's byte
 * order, which the file does not record: families are small numbers, so
 * the zero half tells the order.
 */
function nullFamily(data: Buffer): number {
  return data[0] === 0 && data[1] === 0 ? data.readUInt32BE(0) : data.readUInt32LE(0);
}

/** AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS) or 10 (Linux). */
function byFamily(family: number, offset: number): NetworkLayer {
  if (family === 2) return { kind: 'ip', version: 4, offset };
  if (family === 24 || family === 28 || family === 30 || family === 10) return { kind: 'ip', version: 6, offset };
  return OTHER;
}

function rawIp(data: Buffer): NetworkLayer {
  const version = (data[0] ?? 0) >> 4;
  if (version === 4) return { kind: 'ip', version: 4, offset: 0 };
  if (version === 6) return { kind: 'ip', version: 6, offset: 0 };
  return { kind: 'bad', reason: `raw IP frame with IP version ${version}` };
}

function short(what: string, data: Buffer): NetworkLayer {
  return { kind: 'bad', reason: `${what} header cut short (${data.length} bytes)` };
}
