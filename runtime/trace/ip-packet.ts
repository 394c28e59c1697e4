import type { IpAddressCache } from './ip-address.js';

export const IpProtocol = { TCP: 6, UDP: 17 } as const;

/** A fragment of a larger datagram (RFC 791 §2.3, RFC 8200 §4.5). */
export interface IpFragment {
  /** Identifies the datagram: addresses, protocol (IPv4) and identification. */
  readonly key: string;
  /** Byte offset of this fragment's data in the datagram's payload. */
  readonly offset: number;
  readonly more: boolean;
}

export interface IpPacket {
  readonly kind: 'ip';
  readonly src: string;
  readonly dst: string;
  readonly protocol: number;
  readonly payloadStart: number;
  readonly payloadEnd: number;
  /** Where the payload ends on the wire; past `payloadEnd` when the capture's snap length cut the packet. */
  readonly wireEnd: number;
  readonly fragment: IpFragment | undefined;
}

export type IpRead = IpPacket | { readonly kind: 'bad'; readonly reason: string } | { readonly kind: 'skip' };

const SKIP: IpRead = { kind: 'skip' };

export function readIpv4(buf: Buffer, off: number, end: number, addresses: IpAddressCache): IpRead {
  if (end - off < 20) return { kind: 'bad', reason: `IPv4 header cut short (${end - off} bytes)` };
  const first = buf[off] ?? 0;
  if (first >> 4 !== 4) return { kind: 'bad', reason: `IPv4 packet with version ${first >> 4}` };
  const headerLength = (first & 0x0f) * 4;
  let totalLength = buf.readUInt16BE(off + 2);
  // 0 is what captures of TCP segmentation offload show: the length is the frame's.
  if (totalLength === 0) totalLength = end - off;
  if (headerLength < 20 || totalLength < headerLength || off + headerLength > end) {
    return { kind: 'bad', reason: `corrupt IPv4 header (header ${headerLength} bytes, total ${totalLength})` };
  }
  const flagsAndOffset = buf.readUInt16BE(off + 6);
  const more = (flagsAndOffset & 0x2000) !== 0;
  const fragmentOffset = (flagsAndOffset & 0x1fff) * 8;
  const protocol = buf[off + 9] ?? 0;
  const src = addresses.ipv4(buf, off + 12);
  const dst = addresses.ipv4(buf, off + 16);
  const fragment =
    more || fragmentOffset > 0
      ? { key: `4 ${src} ${dst} ${protocol} ${buf.readUInt16BE(off + 4)}`, offset: fragmentOffset, more }
      : undefined;
  return {
    kind: 'ip',
    src,
    dst,
    protocol,
    payloadStart: off + headerLength,
    payloadEnd: Math.min(off + totalLength, end),
    wireEnd: off + totalLength,
    fragment,
  };
}

const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const ESP = 50;
const AUTHENTICATION = 51;
const NO_NEXT_HEADER = 59;
const DESTINATION_OPTIONS = 60;
/** Extension headers whose length is (byte 1 + 1) * 8: mobility, HIP, shim6, experimental. */
const EIGHT_OCTET_HEADERS: ReadonlySet<number> = new Set([HOP_BY_HOP, ROUTING, DESTINATION_OPTIONS, 135, 139, 140, 253, 254]);

export function readIpv6(buf: Buffer, off: number, end: number, addresses: IpAddressCache): IpRead {
  if (end - off < 40) return { kind: 'bad', reason: `IPv6 header cut short (${end - off} bytes)` };
  const first = buf[off] ?? 0;
  if (first >> 4 !== 6) return { kind: 'bad', reason: `IPv6 packet with version ${first >> 4}` };
  const payloadLength = buf.readUInt16BE(off + 4);
  let next = buf[off + 6] ?? 0;
  const src = addresses.ipv6(buf, off + 8);
  const dst = addresses.ipv6(buf, off + 24);
  let p = off + 40;
  // A zero payload length means a jumbogram or segmentation offload: use what was captured.
  const declaredEnd = payloadLength === 0 ? end : p + payloadLength;
  const limit = Math.min(declaredEnd, end);
  let fragment: IpFragment | undefined;
  for (;;) {
    if (EIGHT_OCTET_HEADERS.has(next) || next === AUTHENTICATION) {
      if (p + 2 > limit) return { kind: 'bad', reason: 'IPv6 extension header cut short' };
      const length = next === AUTHENTICATION ? ((buf[p + 1] ?? 0) + 2) * 4 : ((buf[p + 1] ?? 0) + 1) * 8;
      next = buf[p] ?? 0;
      p += length;
    } else if (next === FRAGMENT) {
      if (p + 8 > limit) return { kind: 'bad', reason: 'IPv6 fragment header cut short' };
      const offsetAndFlags = buf.readUInt16BE(p + 2);
      const offset = (offsetAndFlags >> 3) * 8;
      const more = (offsetAndFlags & 1) === 1;
      // An atomic fragment (offset 0, no more) is a whole datagram (RFC 6946).
      if (offset > 0 || more) fragment = { key: `6 ${src} ${dst} ${buf.readUInt32BE(p + 4)}`, offset, more };
      next = buf[p] ?? 0;
      p += 8;
      break;
    } else break;
  }
  if (next === NO_NEXT_HEADER || next === ESP) return SKIP;
  if (p > limit) return { kind: 'bad', reason: 'IPv6 extension headers run past the packet' };
  return { kind: 'ip', src, dst, protocol: next, payloadStart: p, payloadEnd: limit, wireEnd: declaredEnd, fragment };
}
